package dev.pprof4j.runtime.collect.heap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds 20 000 byte arrays (about 40 MB) in a static map, allocated in {@link #fill}; then makes
 * about 300 MB of garbage in {@link #churn} (nothing keeps it); then waits to be asked who holds what.
 */
public final class LeakyCache {
    static final ConcurrentHashMap<Integer, byte[]> ENTRIES = new ConcurrentHashMap<>();
    static final int COUNT = 20_000;
    static final int SIZE = 2000;

    public static void main(String[] args) throws Exception {
        fill();
        System.out.println("churned " + churn());
        System.out.println("ready 1");
        Thread.sleep(120_000);
    }

    static void fill() {
        for (int i = 0; i < COUNT; i++) {
            ENTRIES.put(i, new byte[SIZE]);
        }
    }

    /** Garbage: each array is dropped at once; only a sum of one byte of each survives. */
    static long churn() {
        long sum = 0;
        for (int i = 0; i < 150_000; i++) {
            byte[] b = new byte[SIZE];
            b[i % SIZE] = (byte) i;
            sum += b[(i * 7) % SIZE];
        }
        return sum;
    }
}
