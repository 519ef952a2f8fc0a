package dev.pprof4j.runtime.workload;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Child JVM for GcPausesIT: waits for the agent, then runs {@code System.gc()} N times with a
 * live set of random size (so the pauses differ) and random gaps, then idles. Prints its uptime
 * in milliseconds before the first collection so the test can pick those collections out of the
 * JVM's own GC log.
 */
public final class ExplicitCollections {
    static volatile List<byte[]> live;

    public static void main(String[] args) throws Exception {
        int collections = Integer.parseInt(args[0]);
        while (System.getProperty("pprof4j.address") == null) {
            Thread.sleep(20);
        }
        // The agent's JFR stream starts on a thread of its own: give it time to run.
        Thread.sleep(2000);
        System.out.println("collecting from uptime " + ManagementFactory.getRuntimeMXBean().getUptime());
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < collections; i++) {
            List<byte[]> keep = new ArrayList<>();
            int arrays = random.nextInt(1_000, 40_000);
            for (int a = 0; a < arrays; a++) {
                keep.add(new byte[random.nextInt(16, 2048)]);
            }
            live = keep;
            System.gc();
            Thread.sleep(random.nextInt(20, 300));
        }
        System.out.println("collected " + collections);
        Thread.sleep(Long.MAX_VALUE);
    }

    private ExplicitCollections() {
    }
}
