package dev.pprof4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A loop that allocates nothing against one that boxes, in both directions. */
class AllocationAssertionsTest {
    private static final int N = 10_000;
    // Volatile sinks: the JIT can neither drop the loops nor scalar-replace the boxes.
    private static volatile long longSink;
    private static volatile Object objectSink;

    private static void primitiveLoop() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += i * 31L;
        }
        longSink = sum;
    }

    private static void boxingLoop() {
        for (int i = 0; i < N; i++) {
            objectSink = Integer.valueOf(1_000 + i); // above the Integer cache
        }
    }

    @Test
    void aPrimitiveLoopAllocatesNothing() {
        assertEquals(0, AllocationAssertions.allocatedBytes(AllocationAssertionsTest::primitiveLoop));
        AllocationAssertions.assertAllocatesAtMost(0, AllocationAssertionsTest::primitiveLoop);
    }

    @Test
    void aBoxingLoopAllocatesAnIntegerPerIteration() {
        long bytes = AllocationAssertions.allocatedBytes(AllocationAssertionsTest::boxingLoop);
        // 16 bytes an Integer with compressed class pointers, 24 without; a little more at most.
        assertTrue(bytes >= 16L * N && bytes <= 24L * N + 4096, "boxing loop allocated " + bytes);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> AllocationAssertions.assertAllocatesAtMost(1024, AllocationAssertionsTest::boxingLoop));
        assertTrue(failure.getMessage().startsWith("allocated "), failure.getMessage());
        assertTrue(failure.getMessage().contains("more than the 1,024 allowed"), failure.getMessage());
    }

    @Test
    void countsExactBytesOfAKnownArray() {
        // new long[1000]: 16-byte header + 8,000 bytes of elements.
        long bytes = AllocationAssertions.allocatedBytes(() -> objectSink = new long[1000]);
        assertEquals(8016, bytes);
    }

    @Test
    void refusesANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> AllocationAssertions.assertAllocatesAtMost(-1, () -> { }));
    }
}
