package dev.pprof4j.profile;

/**
 * Nonzero long keys to int values, open addressing, no boxing: how the decoder finds a
 * location, function or mapping by its wire id.
 */
final class LongIndex {
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Maps {@code key} (nonzero) to {@code value}; returns false when the key was present. */
    boolean putIfAbsent(long key, int value) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int i = hash(key) & mask;
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return true;
    }

    /** The value for {@code key}, or -1. */
    int get(long key) {
        if (key == 0) {
            return -1;
        }
        int i = hash(key) & mask;
        long k;
        while ((k = keys[i]) != 0) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                putIfAbsent(oldKeys[i], oldValues[i]);
            }
        }
    }
}
