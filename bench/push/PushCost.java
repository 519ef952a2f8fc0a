import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A busy service's steady load for bench/push/run.sh, for {@code seconds}: a pool of 8 request
 * threads, each request walking a handler chain 8 to 40 frames deep through one of 24 handler
 * methods, computing, allocating short-lived objects of several classes at the leaf (about
 * 60 MB/s together, so hundreds of allocation sites with distinct stacks), keeping some in a
 * bounded per-thread cache (in-use memory that changes), and taking one of 4 shared locks for
 * a moment (block and mutex samples), with rests between requests. Another 40 threads park,
 * as a service's idle pool threads do (the goroutine profile). At the end it prints the
 * process's CPU time, the pprof4j-push thread's CPU time and allocated bytes (0 without a
 * pusher), the heap in use after a full GC, and the process's and the pusher's CPU in the
 * run's second half (steady state, after the pusher's code is compiled):
 * {@code result process_cpu_ms=… push_cpu_ms=… push_alloc_mb=… heap_after_gc_mb=…
 * second_half_process_cpu_ms=… second_half_push_cpu_ms=…}.
 */
public final class PushCost {
    static volatile long sink;
    static final ReentrantLock[] LOCKS = {new ReentrantLock(), new ReentrantLock(), new ReentrantLock(), new ReentrantLock()};

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Thread t = new Thread(() -> work(end), "request-" + w);
            t.start();
            threads.add(t);
        }
        for (int w = 0; w < 40; w++) {
            Thread t = new Thread(() -> idle(end), "idle-" + w);
            t.setDaemon(true);
            t.start();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // The second half alone: the pusher's first windows run interpreted code and load classes once.
        Thread.sleep(seconds * 500L);
        long[] half = pushThread();
        long halfProcessCpu = os.getProcessCpuTime();
        for (Thread t : threads) {
            t.join();
        }
        long[] push = pushThread();
        long pushCpu = push[0];
        long pushAlloc = push[1];
        long processCpu = os.getProcessCpuTime();
        System.gc();
        Thread.sleep(200);
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("result process_cpu_ms=%d push_cpu_ms=%d push_alloc_mb=%.1f heap_after_gc_mb=%.2f"
                + " second_half_process_cpu_ms=%d second_half_push_cpu_ms=%d%n",
                processCpu / 1_000_000, pushCpu / 1_000_000, pushAlloc / 1e6, heap.getUsed() / 1e6,
                (processCpu - halfProcessCpu) / 1_000_000, (pushCpu - half[0]) / 1_000_000);
    }

    /** {CPU nanoseconds, allocated bytes} of the pprof4j-push thread; zeros without one. */
    private static long[] pushThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().equals("pprof4j-push")) {
                return new long[] {threads.getThreadCpuTime(info.getThreadId()),
                        threads.getThreadAllocatedBytes(info.getThreadId())};
            }
        }
        return new long[2];
    }

    private static void idle(long end) {
        while (System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
        }
    }

    private static void work(long end) {
        SplittableRandom random = new SplittableRandom();
        Map<Integer, Object> cache = new HashMap<>();
        while (System.nanoTime() < end) {
            int handler = random.nextInt(24);
            sink += dispatch(handler, 8 + random.nextInt(33), random, cache);
            try {
                Thread.sleep(1 + random.nextInt(4));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A handler chain: {@code depth} frames through the handler methods, then the request's work. */
    private static long dispatch(int handler, int depth, SplittableRandom random, Map<Integer, Object> cache) {
        if (depth > 0) {
            return switch ((handler + depth) % 6) {
                case 0 -> h0(handler, depth - 1, random, cache);
                case 1 -> h1(handler, depth - 1, random, cache);
                case 2 -> h2(handler, depth - 1, random, cache);
                case 3 -> h3(handler, depth - 1, random, cache);
                case 4 -> h4(handler, depth - 1, random, cache);
                default -> h5(handler, depth - 1, random, cache);
            };
        }
        return leaf(handler, random, cache);
    }

    private static long h0(int h, int d, SplittableRandom r, Map<Integer, Object> c) { return dispatch(h, d, r, c) + 1; }
    private static long h1(int h, int d, SplittableRandom r, Map<Integer, Object> c) { return dispatch(h, d, r, c) + 2; }
    private static long h2(int h, int d, SplittableRandom r, Map<Integer, Object> c) { return dispatch(h, d, r, c) + 3; }
    private static long h3(int h, int d, SplittableRandom r, Map<Integer, Object> c) { return dispatch(h, d, r, c) + 4; }
    private static long h4(int h, int d, SplittableRandom r, Map<Integer, Object> c) { return dispatch(h, d, r, c) + 5; }
    private static long h5(int h, int d, SplittableRandom r, Map<Integer, Object> c) { return dispatch(h, d, r, c) + 6; }

    private static long leaf(int handler, SplittableRandom random, Map<Integer, Object> cache) {
        long x = sink | 1;
        for (int i = 0, n = 100_000 + random.nextInt(600_000); i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        Object last = null;
        for (int i = 0, m = 5 + random.nextInt(20); i < m; i++) {
            last = switch ((handler + i) % 4) {
                case 0 -> new byte[256 + random.nextInt(4096)];
                case 1 -> new long[16 + random.nextInt(256)];
                case 2 -> String.valueOf(x + i).repeat(1 + random.nextInt(8));
                default -> new ArrayList<>(List.of(x, i, handler));
            };
        }
        if (random.nextInt(8) == 0) {
            cache.put(random.nextInt(512), last); // a bounded cache: objects that stay a while
        }
        ReentrantLock lock = LOCKS[handler % LOCKS.length];
        lock.lock();
        try {
            for (int i = 0; i < 2_000; i++) {
                x = x * 31 + i;
            }
        } finally {
            lock.unlock();
        }
        return x;
    }
}
