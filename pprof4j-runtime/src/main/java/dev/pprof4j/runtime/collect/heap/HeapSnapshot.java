package dev.pprof4j.runtime.collect.heap;

import java.util.List;

/**
 * The sampler's tables at one moment: every site ever sampled (since the last reset) with
 * its allocation totals and what of it is still live.
 *
 * @param rate      mean sampling interval asked for, in bytes (Go's MemProfileRate; 1 means every object)
 * @param budget    the sampler's CPU budget, a share of the process's CPU (0: the interval never rises)
 * @param timeNanos wall time of the snapshot, nanoseconds since the epoch
 */
public record HeapSnapshot(long rate, double budget, long timeNanos, List<HeapSite> sites, SamplerStats stats) {
    public HeapSnapshot {
        sites = List.copyOf(sites);
    }

    public long totalInuseSpace() {
        return sites.stream().mapToLong(HeapSite::inuseSpace).sum();
    }

    public long totalAllocSpace() {
        return sites.stream().mapToLong(HeapSite::allocSpace).sum();
    }
}
