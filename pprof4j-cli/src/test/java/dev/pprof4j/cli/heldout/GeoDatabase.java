package dev.pprof4j.cli.heldout;

/** A one-off warm-up: 24 MiB built on first use and kept for good, which is not a leak. */
final class GeoDatabase {
    private static volatile int[] table;

    private GeoDatabase() {
    }

    static int lookup(int key) {
        int[] t = table;
        if (t == null) {
            synchronized (GeoDatabase.class) {
                if (table == null) {
                    table = new int[6 * 1024 * 1024];
                }
                t = table;
            }
        }
        return t[key % t.length];
    }
}
