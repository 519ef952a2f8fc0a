package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.profile.Profile;

/**
 * The native {@link HeapSampler} as the runtime's heap engine: what {@code /debug/pprof/heap}
 * and {@code /allocs} serve when libpprof4j loads (see
 * {@link dev.pprof4j.runtime.collect.CollectorSet#heapSampler()}).
 */
public final class JvmtiHeapEngine implements dev.pprof4j.runtime.collect.HeapEngine, AutoCloseable {
    private final HeapSampler sampler;

    private JvmtiHeapEngine(HeapSampler sampler) {
        this.sampler = sampler;
    }

    /**
     * Starts sampling at {@code rate} bytes, keeping up to {@code maxDepth} frames per stack,
     * within {@code budget} of the process's CPU (0: at {@code rate} whatever it costs).
     *
     * @throws IllegalStateException saying what is missing when the library can't run here
     */
    public static JvmtiHeapEngine start(int rate, int maxDepth, double budget) {
        return new JvmtiHeapEngine(HeapSampler.start(rate, maxDepth, budget));
    }

    /** The sampler itself, for callers that want sites rather than a profile (leaks, history). */
    public HeapSampler sampler() {
        return sampler;
    }

    @Override
    public String name() {
        return "jvmti";
    }

    @Override
    public Profile snapshot() {
        return HeapProfiles.heap(sampler.snapshot());
    }

    @Override
    public int count() {
        return (int) Math.min(Integer.MAX_VALUE, sampler.stats().liveSamples());
    }

    @Override
    public void close() {
        sampler.close();
    }
}
