package dev.pprof4j.junit;

import java.util.Objects;

/**
 * Assertions on how many bytes code allocates, measured exactly with the JVM's per-thread
 * allocated-bytes counter (what Go's {@code testing.AllocsPerRun} is for Go, in bytes).
 *
 * <pre>{@code
 * AllocationAssertions.assertAllocatesAtMost(0, () -> parser.parse(buffer));
 * }</pre>
 *
 * Only the calling thread's allocations count: work handed to other threads is not
 * measured. The block runs {@value #WARMUPS} times unmeasured (class loading, lazy
 * initialisation, and the JIT's escape analysis, which removes allocations only in
 * compiled code), then {@value #RUNS} times measured; the fewest bytes of one run count,
 * less what measuring an empty block costs.
 */
public final class AllocationAssertions {
    static final int WARMUPS = 20;
    static final int RUNS = 5;

    private AllocationAssertions() {
    }

    /** Fails when one run of {@code block} allocates more than {@code maxBytes}. */
    public static void assertAllocatesAtMost(long maxBytes, Runnable block) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("assertAllocatesAtMost(" + maxBytes + ", ...): a byte count cannot be negative");
        }
        long allocated = allocatedBytes(block);
        if (allocated > maxBytes) {
            throw new AssertionError(String.format("allocated %,d bytes, more than the %,d allowed"
                    + " (fewest of %d runs after %d warm-up runs, on thread \"%s\")",
                    allocated, maxBytes, RUNS, WARMUPS, Thread.currentThread().getName()));
        }
    }

    /** Bytes one run of {@code block} allocates on the calling thread, measured as described above. */
    public static long allocatedBytes(Runnable block) {
        Objects.requireNonNull(block, "block");
        return AllocationMeter.create().measure(block, WARMUPS, RUNS);
    }
}
