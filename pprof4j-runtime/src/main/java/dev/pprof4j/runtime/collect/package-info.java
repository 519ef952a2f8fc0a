/**
 * In-process collectors: live threads (platform and virtual), thread creation stacks, the
 * agent's JFR event stream, CPU engines, allocation and contention tables, GC pauses.
 *
 * <p>Seams for engines that live elsewhere: {@link dev.pprof4j.runtime.collect.CpuEngine}
 * (the JFR engine here; a native one is added in {@link dev.pprof4j.runtime.collect.Collectors}),
 * {@link dev.pprof4j.runtime.collect.HeapSampler} (in-use heap by site, plugged in at the same
 * place), and {@link dev.pprof4j.runtime.collect.ProfileBuilder}, which every collector uses so
 * that frames are named alike in every profile.
 */
package dev.pprof4j.runtime.collect;
