package dev.pprof4j.runtime.collect;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;

/**
 * A live-heap sampler in Go's manner (JVMTI {@code SampledObjectAlloc} with weak references
 * to the sampled objects): the only source of in-use memory by allocation site. When
 * {@link CollectorSet#heapSampler()} has one, {@code /debug/pprof/heap} and {@code /allocs} serve
 * its samples; without one, {@code allocs} falls back to JFR's allocation samples (labelled
 * as such) and {@code heap} carries no in-use values at all, because JFR cannot measure them.
 */
public interface HeapEngine {
    /** Short name for the index page and comments, e.g. {@code jvmti}. */
    String name();

    /**
     * The samples since the sampler started, scaled to unbiased estimates, with Go's four
     * sample types in Go's order: {@code alloc_objects/count}, {@code alloc_space/bytes},
     * {@code inuse_objects/count}, {@code inuse_space/bytes}; period type {@code space/bytes}
     * and period the mean sampling interval in bytes; a comment naming the engine and rate.
     * The handler sets {@code defaultSampleType} ({@code inuse_space} for heap,
     * {@code alloc_space} for allocs), computes {@code seconds=N} deltas, and runs the GC first
     * for {@code gc=1}.
     * Build it with a fresh {@link ProfileBuilder} so frames are named like every other profile.
     */
    Profile snapshot() throws CollectorUnavailableException;

    /** How many distinct live sampled sites or samples, for the index page's count. */
    int count();
}
