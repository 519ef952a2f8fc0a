import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A workload for JFR conversion tests, run as a source file in a child JVM: CPU in plain
 * arithmetic, allocation of arrays, contended monitors and parks, for the given seconds.
 */
public class JfrWorkload {
    static final Object MONITOR = new Object();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        long until = System.nanoTime() + (long) (Double.parseDouble(args[0]) * 1e9);
        Thread cpu = new Thread(() -> { while (System.nanoTime() < until) burn(); }, "cpu");
        Thread alloc = new Thread(() -> { while (System.nanoTime() < until) allocate(); }, "alloc");
        Runnable contend = () -> { while (System.nanoTime() < until) holdMonitor(); };
        Thread lock1 = new Thread(contend, "lock1");
        Thread lock2 = new Thread(contend, "lock2");
        Thread park = new Thread(() -> { while (System.nanoTime() < until) park(); }, "park");
        for (Thread t : new Thread[] {cpu, alloc, lock1, lock2, park}) t.start();
        for (Thread t : new Thread[] {cpu, alloc, lock1, lock2, park}) t.join();
    }

    static void burn() {
        long x = sink;
        for (int i = 0; i < 1_000_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        sink = x;
    }

    static void allocate() {
        byte[][] keep = new byte[64][];
        for (int i = 0; i < 10_000; i++) keep[i & 63] = new byte[ThreadLocalRandom.current().nextInt(16, 4096)];
        sink += keep[7].length;
    }

    static void holdMonitor() {
        synchronized (MONITOR) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(15_000_000, 30_000_000));
        }
    }

    static void park() {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(15_000_000, 40_000_000));
    }
}
