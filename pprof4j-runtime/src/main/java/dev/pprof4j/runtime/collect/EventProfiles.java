package dev.pprof4j.runtime.collect;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;

/**
 * Profiles summed from the agent's JFR event stream since it started: {@code block},
 * {@code mutex} and the JFR fallback for {@code allocs}/{@code heap}.
 */
public final class EventProfiles {
    private final Collectors collectors;

    public EventProfiles(Collectors collectors) {
        this.collectors = collectors;
    }

    /** Every park, monitor enter and monitor wait of at least the threshold, by the waiting stack. */
    public Profile block() throws CollectorUnavailableException {
        return contention(collectors.block(), "jdk.ThreadPark, jdk.JavaMonitorEnter and jdk.JavaMonitorWait");
    }

    /**
     * Contended monitor enters and parks on locks, by the waiting stack (Go's mutex profile
     * names the unlocking stack; the JVM records only the waiter).
     */
    public Profile mutex() throws CollectorUnavailableException {
        return contention(collectors.mutex(), "jdk.JavaMonitorEnter and jdk.ThreadPark on locks (waiter's stack)");
    }

    private static Profile contention(StackTable table, String events) {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("contentions", "count"), 1,
                new ValueType("contentions", "count"), new ValueType("delay", "nanoseconds"))
                .comment("engine: jfr " + events + " of at least "
                        + JfrEventStream.CONTENTION_THRESHOLD.toMillis() + " ms since pprof4j started");
        table.forEach((stack, values) ->
                builder.merge(builder.stack(stack.toArray(StackTraceElement[]::new)), values));
        return builder.build();
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
