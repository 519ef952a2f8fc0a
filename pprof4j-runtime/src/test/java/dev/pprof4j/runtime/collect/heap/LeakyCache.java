package dev.pprof4j.runtime.collect.heap;

import java.util.concurrent.ConcurrentHashMap;

/** Holds 20 000 byte arrays (about 40 MB) in a static map, then waits to be asked who holds them. */
public final class LeakyCache {
    static final ConcurrentHashMap<Integer, byte[]> ENTRIES = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 20_000; i++) {
            ENTRIES.put(i, new byte[2000]);
        }
        System.out.println("ready 1");
        Thread.sleep(120_000);
    }
}
