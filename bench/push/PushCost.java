import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.SplittableRandom;

/**
 * A steady service-like load for bench/push/run.sh: two threads each alternate random chunks
 * of arithmetic and allocation (about 40 MB/s together) with rests, for {@code seconds}. At
 * the end it prints the process's CPU time, the pprof4j-push thread's CPU time and allocated
 * bytes (0 without a pusher), the heap in use after a full GC, and the process's and the
 * pusher's CPU in the run's second half (steady state, after the pusher's code is compiled):
 * {@code result process_cpu_ms=… push_cpu_ms=… push_alloc_mb=… heap_after_gc_mb=…
 * second_half_process_cpu_ms=… second_half_push_cpu_ms=…}.
 */
public final class PushCost {
    static volatile long sink;
    static volatile Object keep;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[2];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> work(end), "worker-" + w);
            workers[w].start();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // The second half alone: the pusher's first windows run interpreted code and load classes once.
        Thread.sleep(seconds * 500L);
        long[] half = pushThread();
        long halfProcessCpu = os.getProcessCpuTime();
        for (Thread t : workers) {
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

    private static void work(long end) {
        SplittableRandom random = new SplittableRandom();
        while (System.nanoTime() < end) {
            long x = sink | 1;
            int n = 100_000 + random.nextInt(2_000_000);
            for (int i = 0; i < n; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 29;
            }
            sink += x;
            for (int i = 0, m = 20 + random.nextInt(100); i < m; i++) {
                keep = new byte[1024 + random.nextInt(4096)];
            }
            try {
                Thread.sleep(2 + random.nextInt(6));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
