/**
 * The {@code /debug/pprof} and {@code /debug/vars} endpoints, on the JDK's HTTP server.
 *
 * <p>Decisions where Go and the JVM differ: a malformed parameter is a 400 with the reason
 * (Go silently falls back to defaults); {@code seconds} is bounded by the {@code maxseconds}
 * option; a second concurrent CPU profile gets Go's 500 "cpu profiling already in use"; a
 * collector that cannot run (no JFR) answers 503; {@code symbol} reports
 * {@code num_symbols: 0} because Java profiles carry their function names and there are no
 * program counters to resolve; {@code trace} serves a JFR recording.
 */
package dev.pprof4j.runtime.http;
