package dev.pprof4j.runtime.push;

import dev.pprof4j.runtime.workload.CpuSplit;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * A child JVM's workload that knows its own truth, for the push ITs. Two threads burn CPU in
 * {@link CpuSplit#hot} and {@link CpuSplit#cold} (the CPU truth tests' loops): each works
 * chunks of random length and rests between them so that hot gets about 70 % of the CPU the
 * two use and cold 30 % (random lengths: a fixed period would alias with any sampler); each measures its own CPU time. A third thread
 * allocates at two sites, {@link #bigArrays} and {@link #smallArrays}, measuring the bytes each
 * allocated with the JVM's per-thread allocation counter. After {@code seconds} it stops,
 * prints {@code truth cpu hot=N cold=N alloc big=N small=N}, and idles (sleeping in
 * {@link #idle}) so the pusher sends the last windows. A {@code stalls} line reports the longest
 * a 10 ms sleep of the main thread overslept, the application's view of the agent's cost.
 */
public final class PushWorkload {
    static volatile long sink;
    static volatile Object keep;
    static volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        long[] cpu = new long[2];
        long[] bytes = new long[2];
        Thread hot = new Thread(() -> burn(true, cpu), "hot-thread");
        Thread cold = new Thread(() -> burn(false, cpu), "cold-thread");
        Thread alloc = new Thread(() -> allocate(bytes), "alloc-thread");
        for (Thread t : new Thread[] {hot, cold, alloc}) {
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long worstStallNanos = 0;
        while (System.nanoTime() < end) {
            long before = System.nanoTime();
            Thread.sleep(10);
            worstStallNanos = Math.max(worstStallNanos, System.nanoTime() - before - 10_000_000L);
        }
        running = false;
        hot.join();
        cold.join();
        alloc.join();
        System.out.println("truth cpu hot=" + cpu[0] + " cold=" + cpu[1] + " alloc big=" + bytes[0] + " small="
                + bytes[1]);
        System.out.println("stalls worst=" + worstStallNanos / 1_000_000 + "ms");
        idle();
    }

    static void idle() throws InterruptedException {
        while (true) {
            Thread.sleep(1000);
        }
    }

    private static void burn(boolean isHot, long[] truth) {
        var threads = ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom();
        while (running) {
            long before = threads.getCurrentThreadCpuTime();
            long wallBefore = System.nanoTime();
            int iterations = 200_000 + random.nextInt(3_000_000);
            sink += isHot ? CpuSplit.hot(iterations) : CpuSplit.cold(iterations);
            long spent = threads.getCurrentThreadCpuTime() - before;
            long wall = System.nanoTime() - wallBefore;
            synchronized (truth) {
                truth[isHot ? 0 : 1] += spent;
            }
            // Rest in proportion to the chunk's wall time, so that the hot thread wants the CPU
            // ~70 % of the time and the cold one ~30 % even on a loaded machine; the truth is
            // the CPU time each really got, whatever the split comes out as.
            long restNanos = isHot ? wall * 3 / 7 : wall * 7 / 3;
            try {
                Thread.sleep(restNanos / 1_000_000, (int) (restNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void allocate(long[] truth) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        SplittableRandom random = new SplittableRandom();
        while (running) {
            boolean big = random.nextInt(100) < 60;
            int count = 20 + random.nextInt(100);
            long before = threads.getThreadAllocatedBytes(id);
            if (big) {
                bigArrays(count);
            } else {
                smallArrays(count * 8);
            }
            long after = threads.getThreadAllocatedBytes(id);
            truth[big ? 0 : 1] += after - before;
            try {
                Thread.sleep(5); // ~40 MB/s: enough samples at memprofilerate=65536, little load on the machine
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static void bigArrays(int count) {
        for (int i = 0; i < count; i++) {
            keep = new byte[4096];
        }
    }

    static void smallArrays(int count) {
        for (int i = 0; i < count; i++) {
            keep = new long[16];
        }
    }
}
