package dev.pprof4j.cli.heldout;

import java.util.concurrent.ThreadLocalRandom;

/** Healthy but hungry: lots of short-lived garbage, nothing kept. */
final class ThumbnailRenderer {
    private ThumbnailRenderer() {
    }

    static long render(int size) {
        int[] pixels = new int[size];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long sum = 0;
        for (int i = 0; i < pixels.length; i += 64) {
            pixels[i] = r.nextInt();
            sum += pixels[i] + GeoDatabase.lookup(i);
        }
        return sum;
    }
}
