/**
 * pprof4j's one reader of JFR recordings (format 2.x: JDK 11 and later, async-profiler), used by
 * the agent to read async-profiler's slices for CPU and wall profiles and the Pyroscope pusher,
 * and by the command line to convert any recording ({@code pprof4j dump.jfr}).
 *
 * <p>{@link dev.pprof4j.profile.jfr.JfrRecording} walks a file's chunks;
 * {@link dev.pprof4j.profile.jfr.JfrChunk} reads a chunk's header and metadata, indexes its
 * constant pools and scans its events for the handlers a caller registers by event type;
 * {@link dev.pprof4j.profile.jfr.JfrConstantPools} decodes a stack, method, class, symbol,
 * thread or string only when an event names it, once a chunk. A chunk's bytes are mapped
 * ({@link dev.pprof4j.profile.jfr.JfrMappedChunk}, the agent) or read a window at a time
 * ({@link dev.pprof4j.profile.jfr.JfrChunkFile}, the command line).
 *
 * <p>Hostile input fails closed with a {@link dev.pprof4j.profile.jfr.JfrFormatException}
 * naming where: every count is checked against the bytes left, every loop must advance,
 * nesting and chains of pool references are capped, the metadata event is at most 8 MiB, and
 * the caller bounds how many pool entries a chunk may make it index. JDK classes only.
 */
package dev.pprof4j.profile.jfr;
