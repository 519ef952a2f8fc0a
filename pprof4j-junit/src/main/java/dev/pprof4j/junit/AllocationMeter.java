package dev.pprof4j.junit;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates, with HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean}): exact to the byte (the counter includes the
 * used part of the thread's TLAB), unaffected by other threads, and free to read.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** The meter, or an explanation of why this JVM has none. */
    static AllocationMeter create() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread"
                    + " (com.sun.management.ThreadMXBean); allocation checks need HotSpot or a JVM that has it");
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("per-thread allocation counting is switched off;"
                    + " enable it with ThreadMXBean.setThreadAllocatedMemoryEnabled(true)");
        }
        return new AllocationMeter(threads);
    }

    /** Bytes the current thread has allocated so far. */
    long allocatedSoFar() {
        return threads.getCurrentThreadAllocatedBytes();
    }

    /** Bytes one run of {@code block} allocates on this thread, the meter's own cost included. */
    long measureOnce(Runnable block) {
        long before = threads.getCurrentThreadAllocatedBytes();
        block.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * The fewest bytes {@code block} allocated in {@code runs} runs after {@code warmups}
     * unmeasured ones, less the meter's own cost. The minimum, because noise only adds:
     * a first-run class load or a lazily built cache is not what the block costs per run.
     */
    long measure(Runnable block, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            block.run();
        }
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            fewest = Math.min(fewest, measureOnce(block));
        }
        return Math.max(0, fewest - overhead(runs));
    }

    /** What measuring an empty block costs (0 on HotSpot 17 and 25 here; other JVMs may differ). */
    long overhead(int runs) {
        Runnable empty = () -> { };
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            fewest = Math.min(fewest, measureOnce(empty));
        }
        return fewest;
    }
}
