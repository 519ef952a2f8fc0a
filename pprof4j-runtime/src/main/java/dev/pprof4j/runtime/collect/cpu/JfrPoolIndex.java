package dev.pprof4j.runtime.collect.cpu;

import java.util.Arrays;

/**
 * Where each entry of one constant pool starts in its chunk, by key: a key (async-profiler's
 * are 32-bit ids) and an offset packed in one {@code long}, sorted at the first look-up. Twelve
 * bytes or fewer an entry and no object per entry: a chunk repeats every stack of the recording
 * so far, and most are never looked up. Of two entries with one key the later one counts.
 */
final class JfrPoolIndex {
    private long[] entries = new long[64];
    private int size;
    private boolean sorted = true;

    /** @return false when the key does not fit 32 bits (no async-profiler chunk holds one) */
    boolean add(long key, int offset) {
        if (key < 0 || key > 0xffffffffL) {
            return false;
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = key << 32 | offset;
        sorted = false;
        return true;
    }

    int size() {
        return size;
    }

    /** Where the entry {@code key} starts, or -1. */
    int offset(long key) {
        if (key < 0 || key > 0xffffffffL) {
            return -1;
        }
        if (!sorted) {
            Arrays.sort(entries, 0, size);
            sorted = true;
        }
        // The last entry with this key: search for the first one past it.
        int at = Arrays.binarySearch(entries, 0, size, key << 32 | 0xffffffffL);
        int after = at >= 0 ? at + 1 : -at - 1;
        if (after == 0 || entries[after - 1] >>> 32 != key) {
            return -1;
        }
        return (int) entries[after - 1];
    }
}
