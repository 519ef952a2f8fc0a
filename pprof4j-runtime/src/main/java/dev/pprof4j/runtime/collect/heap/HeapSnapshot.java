package dev.pprof4j.runtime.collect.heap;

import java.util.List;

/**
 * The sampler's tables at one moment: every site ever sampled (since the last reset) with
 * its allocation totals and what of it is still live.
 *
 * @param rate      mean sampling interval asked for, in bytes (Go's MemProfileRate; 1 means every object)
 * @param budget    the sampler's CPU budget, a share of the process's CPU (0: the interval never rises)
 * @param timeNanos wall time of the snapshot, nanoseconds since the epoch
 * @param collections GCs completed before the snapshot, as JVMTI reported them; in use is as of
 *                  the last of them (Go's rule), or, at 0 or at -1 (a JVM that reports none),
 *                  every sampled object still reachable
 */
public record HeapSnapshot(long rate, double budget, long timeNanos, List<HeapSite> sites, SamplerStats stats,
                           long collections) {
    public HeapSnapshot {
        sites = List.copyOf(sites);
    }

    /** Whether in use is as of the last completed GC, as Go's heap profile is. */
    public boolean inuseAsOfLastGc() {
        return collections > 0;
    }

    public long totalInuseSpace() {
        return sites.stream().mapToLong(HeapSite::inuseSpace).sum();
    }

    public long totalAllocSpace() {
        return sites.stream().mapToLong(HeapSite::allocSpace).sum();
    }
}
