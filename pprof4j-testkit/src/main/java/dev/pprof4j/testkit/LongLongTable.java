package dev.pprof4j.testkit;

import java.util.Arrays;

/**
 * Object id to a long (a file position), open addressing, no boxing: a heap dump has
 * millions of objects. A key's slot is stable once the table stops growing, so a walk can
 * keep its marks in arrays indexed by slot. Keys must not be 0 (the null id).
 */
final class LongLongTable {
    private long[] keys = new long[1 << 16];
    private long[] values = new long[1 << 16];
    private int size;

    void put(long key, long value) {
        if (key == 0) {
            return;
        }
        if (size * 2 >= keys.length) {
            grow();
        }
        int slot = find(keys, key);
        if (keys[slot] == 0) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
    }

    /** -1 when absent. */
    long get(long key) {
        int slot = slot(key);
        return slot < 0 ? -1 : values[slot];
    }

    /** The slot holding {@code key}, or -1. */
    int slot(long key) {
        if (key == 0) {
            return -1;
        }
        int slot = find(keys, key);
        return keys[slot] == 0 ? -1 : slot;
    }

    long valueAt(int slot) {
        return values[slot];
    }

    /** Slots range over 0 (inclusive) to this (exclusive); empty ones hold key 0. */
    int capacity() {
        return keys.length;
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    private static int find(long[] keys, long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = find(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
        Arrays.fill(oldKeys, 0);
    }
}
