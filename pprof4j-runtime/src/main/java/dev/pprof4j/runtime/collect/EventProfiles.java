package dev.pprof4j.runtime.collect;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.runtime.collect.contention.ContentionProfiles;

/**
 * Profiles summed since the agent started: {@code block} and {@code mutex} (made by
 * {@link ContentionProfiles}) and the JFR fallback for {@code allocs}/{@code heap}.
 */
public final class EventProfiles {
    private final CollectorSet collectors;

    public EventProfiles(CollectorSet collectors) {
        this.collectors = collectors;
    }

    /** Go's block profile since start, from whichever engine serves it ({@link CollectorSet#contention()}). */
    public Profile block() throws CollectorUnavailableException {
        return collectors.contention().block();
    }

    /** Go's mutex profile since start, charged to the holders' stacks; see {@link CollectorSet#contention()}. */
    public Profile mutex() throws CollectorUnavailableException {
        return collectors.contention().mutex(ContentionProfiles.View.HOLDER);
    }

    /**
     * JFR's allocation samples: where the sampled objects were allocated and JFR's weights.
     * A weight is everything the thread allocated since its previous sample, credited to the
     * object that happened to be sampled, so totals are right and sites are not: only a
     * labelled fallback for when no heap sampler loaded. There are no object counts to give.
     */
    public Profile allocationSamples(String defaultSampleType) throws CollectorUnavailableException {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("space", "bytes"), 0,
                new ValueType("samples", "count"), new ValueType("alloc_space", "bytes"))
                .defaultSampleType(defaultSampleType)
                .comment("engine: jfr jdk.ObjectAllocationSample since pprof4j started (fallback: no heap sampler loaded)")
                .comment("warning: JFR weights credit each sample with all bytes its thread allocated since the"
                        + " previous sample, so per-site bytes are biased toward large objects; totals are right")
                .comment("in-use memory by site is not measured without a heap sampler");
        collectors.allocations().forEach((stack, values) ->
                builder.merge(builder.stack(stack.toArray(StackTraceElement[]::new)), values));
        return builder.build();
    }
}
