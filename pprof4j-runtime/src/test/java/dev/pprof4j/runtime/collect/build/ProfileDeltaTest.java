package dev.pprof4j.runtime.collect.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import org.junit.jupiter.api.Test;

class ProfileDeltaTest {
    static Profile goroutines(long timeNanos, int idle, int busy) {
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1,
                new ValueType("goroutine", "count")).timeNanos(timeNanos);
        StackTraceElement idleFrame = new StackTraceElement("p.Pool", "idle", "Pool.java", 3);
        StackTraceElement busyFrame = new StackTraceElement("p.Pool", "busy", "Pool.java", 9);
        if (idle > 0) {
            builder.merge(builder.stack(new StackTraceElement[] {idleFrame}), idle);
        }
        if (busy > 0) {
            builder.merge(builder.stack(new StackTraceElement[] {busyFrame}), busy);
        }
        return builder.build();
    }

    @Test
    void subtractsStackByStackAndDropsWhatDidNotChange() {
        Profile delta = ProfileDelta.between(goroutines(1_000, 5, 2), goroutines(3_000, 12, 2));
        assertEquals(1, delta.samples.size(), "busy did not change");
        assertEquals("p.Pool.idle", delta.samples.get(0).locations.get(0).lines.get(0).function().name);
        assertArrayEquals(new long[] {7}, delta.samples.get(0).values);
        assertEquals(2_000, delta.durationNanos);
        assertEquals(3_000, delta.timeNanos);
    }

    @Test
    void stacksThatVanishedCountNegative() {
        Profile delta = ProfileDelta.between(goroutines(0, 4, 0), goroutines(1, 0, 0));
        assertArrayEquals(new long[] {-4}, delta.samples.get(0).values);
    }
}
