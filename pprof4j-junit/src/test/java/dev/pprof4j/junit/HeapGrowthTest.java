package dev.pprof4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Retaining blocks fail, garbage-making and warm-up-only blocks pass. */
class HeapGrowthTest {
    private static volatile Object sink;
    private final List<byte[]> retained = new ArrayList<>();
    private byte[] cache;

    @Test
    void aBlockThatRetainsMemoryFails() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> HeapGrowth.assertNoGrowth(1_000, () -> retained.add(new byte[1024])));
        assertTrue(failure.getMessage().startsWith("live heap grows with the number of runs"), failure.getMessage());
        HeapGrowth.Measurement m = HeapGrowth.measure(1_000, 3, () -> retained.add(new byte[1024]));
        // 1,040 bytes an array (16-byte header) plus the list's share; the list grows in steps.
        assertTrue(m.bytesPerRun() > 900 && m.bytesPerRun() < 1_600, m.toString());
        retained.clear();
    }

    @Test
    void aBlockThatOnlyMakesGarbagePasses() {
        HeapGrowth.assertNoGrowth(1_000, () -> sink = new byte[1024]);
    }

    @Test
    void growthDuringWarmUpOnlyIsNoLeak() {
        HeapGrowth.assertNoGrowth(1_000, () -> {
            if (cache == null) {
                cache = new byte[8 << 20]; // filled once, on the first run
            }
            sink = new byte[64];
        });
    }

    @Test
    void theFitIgnoresOneOutlier() {
        assertEquals(0.0, HeapGrowth.theilSenSlope(new long[] {100, 100, 9_000_000, 100, 100, 100}));
        assertEquals(1000.0, HeapGrowth.theilSenSlope(new long[] {0, 1000, 2000, 3000, 4000}));
    }

    @Test
    void refusesMeaninglessArguments() {
        assertThrows(IllegalArgumentException.class, () -> HeapGrowth.measure(0, 5, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> HeapGrowth.measure(10, 1, () -> { }));
    }
}
