package dev.pprof4j.runtime.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * One thread that spends about 70 % of its CPU in {@link #hot} and 30 % in {@link #cold},
 * in chunks of random length (a fixed period would alias with any sampler), and measures
 * the truth itself: the thread's CPU time in each, printed every half second as
 * {@code truth hot=NANOS cold=NANOS}. Plain arithmetic only: JDK 17's JFR sampler cannot see
 * time in intrinsics such as {@code System.nanoTime}, so the loops call none.
 */
public final class CpuSplit {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        long[] truth = new long[2];
        Thread worker = new Thread(() -> work(truth), "cpu-split");
        worker.setDaemon(true);
        worker.start();
        System.out.println("ready");
        while (true) {
            Thread.sleep(500);
            synchronized (truth) {
                System.out.println("truth hot=" + truth[0] + " cold=" + truth[1]);
            }
        }
    }

    static void work(long[] truth) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom();
        long before = threads.getCurrentThreadCpuTime();
        while (true) {
            boolean hot = random.nextInt(100) < 70;
            int iterations = 100_000 + random.nextInt(2_000_000);
            if (hot) {
                sink += hot(iterations);
            } else {
                sink += cold(iterations);
            }
            long after = threads.getCurrentThreadCpuTime();
            synchronized (truth) {
                truth[hot ? 0 : 1] += after - before;
            }
            before = after;
        }
    }

    public static long hot(int iterations) {
        long x = sink | 1;
        for (int i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }

    public static long cold(int iterations) {
        long x = sink | 3;
        for (int i = 0; i < iterations; i++) {
            x = x * 2862933555777941757L + 3037000493L;
            x ^= x >>> 31;
        }
        return x;
    }
}
