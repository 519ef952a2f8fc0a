package dev.pprof4j.profile.jfr;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each entry of one constant pool starts in its chunk, by key: a key that fits 32 bits
 * (async-profiler's all do, the JDK's nearly all) and an offset packed in one {@code long},
 * sorted at the first look-up. Twelve bytes or fewer an entry and no object per entry: a chunk
 * repeats every stack of the recording so far, and most are never looked up. A wider key (a
 * JDK method id of a class loaded after the 65 536th) goes to a map. Of two entries with one
 * key the later one in the chunk counts, in whatever order the pools were indexed.
 */
final class JfrPoolIndex {
    private long[] entries = new long[64];
    private int size;
    private boolean sorted = true;
    private Map<Long, Integer> wide;

    void add(long key, int offset) {
        if (!narrow(key)) {
            if (wide == null) {
                wide = new HashMap<>();
            }
            Integer known = wide.get(key);
            if (known == null || known < offset) { // the later entry, wherever the pools were walked from
                wide.put(key, offset);
            }
            return;
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
        }
        entries[size++] = key << 32 | offset;
        sorted = false;
    }

    /** Where the entry {@code key} starts, or -1. */
    int offset(long key) {
        if (!narrow(key)) {
            Integer offset = wide == null ? null : wide.get(key);
            return offset == null ? -1 : offset;
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

    private static boolean narrow(long key) {
        return key >= 0 && key <= 0xffffffffL;
    }
}
