import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * End-to-end cost of contention profiling: 4 threads take one lock (a ReentrantLock or a monitor)
 * in a loop, each holding it for a short computation and then computing for a while outside it,
 * tuned so that about 100 000 acquisitions a second are contended on an unprofiled run. Measures,
 * over a window after a warm-up, the acquisitions a second (throughput) and the process's CPU time
 * per acquisition (every thread: the application's, the JIT's, the profiler's).
 * An acquisition is counted as contended when the lock was held at the moment it was asked for
 * (tryLock failed; for a monitor, a flag the holder sets was up).
 * Prints {@code result juc|monitor ops_per_s N contended_per_s N cpu_ns_per_op N cpu_cores N}.
 * Usage: java ContendedBench juc|monitor SECONDS OUTSIDE_ITERATIONS HOLD_ITERATIONS [pprof4j[:RATE:FRACTION:HOLDERS]]
 * ({@code pprof4j}: start pprof4j's contention sampler in-process, at the agent's defaults or at the
 * given blockprofilerate, mutexprofilefraction and holders' stacks a second, for ablations; its
 * counters are printed as a {@code stats} line).
 */
public class ContendedBench {
    static volatile boolean running = true;
    static volatile boolean held;
    static long sink;
    /** A fair lock hands itself to the longest waiter, so its contention does not vanish into barging on a loaded machine. */
    static final boolean FAIR = Boolean.getBoolean("fair");

    public static void main(String[] args) throws Exception {
        boolean monitor = args[0].equals("monitor");
        double seconds = Double.parseDouble(args[1]);
        int outside = Integer.parseInt(args[2]);
        int hold = Integer.parseInt(args[3]);
        Object sampler = null;
        if (args.length > 4 && args[4].startsWith("pprof4j")) {
            Class<?> settings = Class.forName("dev.pprof4j.runtime.collect.contention.ContentionSettings");
            // pprof4j[:RATE:FRACTION:HOLDERS]: the agent's defaults unless given (ablations).
            String[] given = args[4].split(":");
            Object s = settings.getConstructors()[0].newInstance(
                    given.length > 1 ? Long.parseLong(given[1]) : 10_000_000L,
                    given.length > 2 ? Integer.parseInt(given[2]) : 100,
                    given.length > 3 ? Integer.parseInt(given[3]) : 20, "jvmti");
            sampler = Class.forName("dev.pprof4j.runtime.collect.contention.ContentionSampler")
                    .getMethod("start", settings).invoke(null, s);
        }
        ReentrantLock lock = new ReentrantLock(FAIR);
        Object mon = new Object();
        LongAdder ops = new LongAdder();
        LongAdder contended = new LongAdder();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                long local = 0;
                while (running) {
                    if (monitor) {
                        if (held) {
                            contended.increment();
                        }
                        synchronized (mon) {
                            held = true;
                            local += work(hold);
                            Thread.yield();
                            held = false;
                        }
                    } else {
                        if (!lock.tryLock()) {
                            contended.increment();
                            lock.lock();
                        }
                        try {
                            local += work(hold);
                            Thread.yield();
                        } finally {
                            lock.unlock();
                        }
                    }
                    ops.increment();
                    local += work(outside);
                }
                sink += local;
            }, "contender-" + i);
            threads[i].start();
        }
        Thread.sleep(3000); // warm-up: JIT, and the profiler's first stacks
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // -Dprofile=FILE: async-profiler's CPU profile of the window alone (collapsed stacks), through
        // its Java API (-Dasprof=its jar's libasyncProfiler.so; the jar on the class path).
        String profile = System.getProperty("profile");
        Object profiler = profile == null ? null : Class.forName("one.profiler.AsyncProfiler")
                .getMethod("getInstance", String.class).invoke(null, System.getProperty("asprof"));
        if (sampler != null) {
            System.out.println("stats-before " + sampler.getClass().getMethod("stats").invoke(sampler));
        }
        if (profiler != null) {
            profiler.getClass().getMethod("execute", String.class).invoke(profiler, "start,event=cpu,interval=1ms");
        }
        long ops0 = ops.sum(), c0 = contended.sum(), cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long n = ops.sum() - ops0, c = contended.sum() - c0, cpu = os.getProcessCpuTime() - cpu0;
        double wall = (System.nanoTime() - t0) / 1e9;
        if (profiler != null) {
            profiler.getClass().getMethod("execute", String.class).invoke(profiler, "stop,collapsed,file=" + profile);
        }
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        if (sampler != null) {
            System.out.println("stats " + sampler.getClass().getMethod("stats").invoke(sampler));
        }
        System.out.printf("result %s ops_per_s %.0f contended_per_s %.0f cpu_ns_per_op %.1f cpu_cores %.3f%n",
                monitor ? "monitor" : "juc", n / wall, c / wall, (double) cpu / n, cpu / 1e9 / wall);
    }

    /** A computation the JIT cannot remove. */
    static long work(int iterations) {
        long x = iterations;
        for (int i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
