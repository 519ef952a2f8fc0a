package dev.pprof4j.runtime.collect.threads;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The {@code goroutine} and {@code threadcreate} profiles: live threads counted by their own
 * stack, and live platform threads counted by the stack that started them. The second is
 * where a pool-per-request leak names its culprit, because the leaked threads' own stacks
 * are only an idle pool loop.
 */
public final class ThreadProfiles {
    /** The frame threads started before the agent are counted under in threadcreate. */
    public static final String UNKNOWN_CREATOR = "(created before pprof4j started)";

    /** JVM-internal threads (signal dispatcher, attach listener) have no Java frames. */
    public static final String NO_JAVA_FRAMES = "(no Java frames)";

    private final CollectorSet collectors;

    public ThreadProfiles(CollectorSet collectors) {
        this.collectors = collectors;
    }

    public Profile goroutine(List<ThreadSample> threads) {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1,
                new ValueType("goroutine", "count"))
                .comment("engine: ThreadMXBean (platform threads)" + virtualThreadsNote());
        List<Location> noFrames = List.of(builder.pseudoLocation(NO_JAVA_FRAMES));
        // Group the raw stacks first: 100 000 virtual threads are often a few distinct stacks,
        // and only those need locations.
        Map<List<StackTraceElement>, long[]> groups = new HashMap<>();
        for (ThreadSample thread : threads) {
            groups.computeIfAbsent(Arrays.asList(thread.stack()), stack -> new long[1])[0]++;
        }
        groups.forEach((stack, count) -> builder.merge(stack.isEmpty() ? noFrames
                : builder.stack(stack.toArray(StackTraceElement[]::new)), count[0]));
        return builder.build();
    }

    public Profile threadCreate(List<ThreadSample> threads) {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("threadcreate", "count"), 1,
                new ValueType("threadcreate", "count"))
                .comment("engine: jfr jdk.ThreadStart stacks since pprof4j started; live platform threads only"
                        + (collectors.eventsUnavailableReason() == null ? ""
                                : "; " + collectors.eventsUnavailableReason()));
        List<Location> unknown = List.of(builder.pseudoLocation(UNKNOWN_CREATOR));
        List<Long> liveIds = new ArrayList<>(threads.size());
        for (ThreadSample thread : threads) {
            if (thread.virtual()) {
                continue;
            }
            liveIds.add(thread.id());
            CreatedByTable.Creation creation = collectors.createdBy().creation(thread.id());
            List<Location> stack = creation == null || creation.stack().isEmpty() ? unknown
                    : builder.stack(creation.stack().toArray(StackTraceElement[]::new));
            builder.merge(stack, 1);
        }
        collectors.createdBy().forgetDead(liveIds);
        return builder.build();
    }

    private String virtualThreadsNote() {
        if (Runtime.version().feature() < 21) {
            return "";
        }
        String note = collectors.liveThreads().virtualThreadsNote();
        return note == null ? " and jdk.internal.vm.ThreadContainers with "
                + collectors.liveThreads().virtualStacksEngine() + " (virtual threads)" : "; " + note;
    }
}
