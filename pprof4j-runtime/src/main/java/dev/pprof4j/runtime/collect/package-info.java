/**
 * In-process collectors, chosen once at start by {@link dev.pprof4j.runtime.collect.CollectorSet}
 * and closed on stop, and the seams where engines plug in:
 * {@link dev.pprof4j.runtime.collect.CpuEngine} and
 * {@link dev.pprof4j.runtime.collect.HeapEngine} (in-use heap by site).
 *
 * <p>Subpackages by concern: {@code threads} (live platform and virtual threads, creation
 * stacks, {@code goroutine}/{@code threadcreate}), {@code jfr} (the agent's JFR event stream,
 * the JFR CPU engine, traces), {@code gc} (GC pauses, MemStats), {@code build} (Java stacks
 * to profiles, stable names, deltas), and the engines' own: {@code cpu}, {@code heap},
 * {@code contention}, {@code history}. Every collector builds its profiles with
 * {@link dev.pprof4j.runtime.collect.build.ProfileBuilder} so that frames are named alike in
 * every profile.
 */
package dev.pprof4j.runtime.collect;
