package dev.pprof4j.report.flame;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to non-negative ints. Building a frame tree looks a
 * child up once per frame of every sample (millions of times for a large profile); boxing a
 * {@code Long} per look-up would dominate the build.
 */
final class LongIntMap {
    private static final int MISSING = -1;
    private long[] keys;
    private int[] values;
    private int size;
    /** Slots in use, so that clearing a big, sparsely used table costs its entries, not its capacity. */
    private int[] used = new int[16];

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
    }

    /** The value for {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == MISSING || keys[i] == key) {
                return v;
            }
        }
    }

    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == MISSING) {
                keys[i] = key;
                values[i] = value;
                if (size == used.length) {
                    used = Arrays.copyOf(used, size * 2);
                }
                used[size++] = i;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /** Empties the map, keeping its capacity. */
    void clear() {
        if (size > keys.length / 8) {
            Arrays.fill(values, MISSING);
        } else {
            for (int i = 0; i < size; i++) {
                values[used[i]] = MISSING;
            }
        }
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        Arrays.fill(values, MISSING);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != MISSING) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
