package dev.pprof4j.runtime.collect.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import org.junit.jupiter.api.Test;

class CumulativeDeltaTest {
    private final FrameAddresses addresses = new FrameAddresses(100);

    /** A heap-like profile: site a (two classes) and site b, with cumulative alloc and absolute in-use values. */
    private Profile heap(long aBytes, long aLongs, long bBytes, long inuse) {
        ProfileBuilder b = new ProfileBuilder(new ValueType("space", "bytes"), 512,
                new ValueType("alloc_space", "bytes"), new ValueType("inuse_space", "bytes"));
        b.add(b.stack(new StackTraceElement[] {new StackTraceElement("x.A", "a", "A.java", 1)}), aBytes, inuse)
                .addLabel("object", "byte[]");
        b.add(b.stack(new StackTraceElement[] {new StackTraceElement("x.A", "a", "A.java", 1)}), aLongs, 0)
                .addLabel("object", "java.lang.Long");
        b.add(b.stack(new StackTraceElement[] {new StackTraceElement("x.A", "b", "A.java", 2)}), bBytes, 0)
                .addLabel("object", "byte[]");
        return addresses.assign(b.build());
    }

    @Test
    void countersAreDeltaSinceThePreviousCallInUseIsAbsoluteAndZeroSamplesGo() {
        CumulativeDelta delta = new CumulativeDelta(1_000);
        boolean[] counters = {true, false};
        Profile first = delta.next(heap(100, 10, 50, 7), counters, 5_000);
        assertEquals(3, first.samples.size(), "the first call answers everything since the start");
        assertEquals(4_000, first.durationNanos);

        Profile second = delta.next(heap(160, 10, 50, 9), counters, 8_000);
        assertEquals(1, second.samples.size(), "unchanged sites with nothing in use are left out");
        assertArrayEquals(new long[] {60, 9}, second.samples.get(0).values);
        assertEquals("byte[]", second.samples.get(0).labels.get("object").get(0), "labels are part of the identity");
        assertEquals(3_000, second.durationNanos);
        assertEquals(8_000, second.timeNanos);

        Profile third = delta.next(heap(20, 10, 50, 0), counters, 9_000);
        assertArrayEquals(new long[] {20, 0}, third.samples.get(0).values, "a counter that went down restarted");
    }
}
