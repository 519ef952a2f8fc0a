package dev.pprof4j.runtime.workload;

/**
 * A host holding {@code megabytes} of small live objects (a full collection must trace every
 * one), then idle: prints {@code ready} and sleeps until killed.
 */
public final class LiveHeap {
    public static void main(String[] args) throws Exception {
        int megabytes = Integer.parseInt(args[0]);
        int count = megabytes * (1 << 20) / 40; // an Object[] slot and a 24-byte Long, about
        Object[] live = new Object[count];
        for (int i = 0; i < count; i++) {
            live[i] = Long.valueOf(i * 31L + 1_000_000L);
        }
        System.out.println("ready " + count);
        while (live.length > 0) {
            Thread.sleep(60_000);
        }
    }
}
