/**
 * What the agent takes from JFR: the one event stream kept open while the agent runs
 * (thread starts, allocation samples, parks and monitor waits, GC pauses), the
 * {@code jdk.ExecutionSample} CPU engine, {@code /debug/pprof/trace}'s recording, and the
 * conversion of JFR's recorded stacks into the {@link java.lang.StackTraceElement}s every
 * collector shares. Nothing here touches a JFR class before
 * {@link dev.pprof4j.runtime.collect.jfr.Jfr#unavailableReason()} says JFR is there.
 */
package dev.pprof4j.runtime.collect.jfr;
