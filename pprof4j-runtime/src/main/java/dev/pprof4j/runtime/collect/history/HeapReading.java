package dev.pprof4j.runtime.collect.history;

/**
 * The heap sampler's sites at one tick: per site its stack, the allocated class, and six
 * numbers (Go's four heap values plus the raw sample count and bytes behind them). Only the
 * sampler's samples are kept, never a copy of the heap: a site costs 48 bytes a reading. A
 * reading is shared by consecutive snapshots while the sampler saw nothing new.
 */
final class HeapReading {
    static final int WIDTH = 6;
    static final int ALLOC_OBJECTS = 0;
    static final int ALLOC_SPACE = 1;
    static final int INUSE_OBJECTS = 2;
    static final int INUSE_SPACE = 3;
    static final int ALLOC_SAMPLES = 4;
    static final int ALLOC_SAMPLE_BYTES = 5;

    final long rate;
    final long timeNanos;
    final HistoryStack[] stacks;
    final String[] classes;
    final long[] values;

    HeapReading(long rate, long timeNanos, HistoryStack[] stacks, String[] classes, long[] values) {
        this.rate = rate;
        this.timeNanos = timeNanos;
        this.stacks = stacks;
        this.classes = classes;
        this.values = values;
    }

    int sites() {
        return stacks.length;
    }

    long value(int site, int index) {
        return values[site * WIDTH + index];
    }

    long totalInuseSpace() {
        long total = 0;
        for (int i = 0; i < stacks.length; i++) {
            total += value(i, INUSE_SPACE);
        }
        return total;
    }

    /** The arrays' own bytes (stacks and class names are the interner's). */
    long bytes() {
        return 16 + 40 + Interner.align(16 + 4L * stacks.length) * 2 + 16 + 8L * values.length;
    }
}
