import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A busy service's steady load for bench/push/run.sh, for {@code seconds}: a pool of
 * {@code threads} request threads (default 8), each request walking a handler chain 8 to 40
 * frames deep from one of {@code handlers} entry points (default 24; every 24 more take
 * their chains another way through the handler methods, so the distinct stacks grow with it
 * up to 144), computing, allocating short-lived objects of several classes at the leaf (about
 * 60 MB/s together, so hundreds of allocation sites with distinct stacks), keeping some in a
 * bounded per-thread cache (in-use memory that changes), and taking one of 4 shared locks for
 * a moment (block and mutex samples), with rests between requests. Another {@code idle} threads
 * (default 40) park, as a service's idle pool threads do (the goroutine profile). At the end it prints the
 * process's CPU time, the pprof4j-push thread's CPU time and allocated bytes (0 without a
 * pusher), the heap in use after a full GC, and the process's and the pusher's CPU in the
 * run's second half (steady state, after the pusher's code is compiled):
 * {@code result process_cpu_ms=… push_cpu_ms=… push_alloc_mb=… heap_after_gc_mb=…
 * second_half_process_cpu_ms=… second_half_push_cpu_ms=…}, and the push thread's second-half CPU by
 * phase from the agent's {@code /debug/vars} ({@code push.CpuNs.<phase>}):
 * {@code phases process_cpu=… memory=… …} in microseconds.
 *
 * <p>Usage: {@code PushCost seconds [threads handlers idle]}.
 */
public final class PushCost {
    static volatile long sink;
    static final ReentrantLock[] LOCKS = {new ReentrantLock(), new ReentrantLock(), new ReentrantLock(), new ReentrantLock()};
    static int handlers = 24;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int requestThreads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        handlers = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        int idleThreads = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < requestThreads; w++) {
            Thread t = new Thread(() -> work(end), "request-" + w);
            t.start();
            threads.add(t);
        }
        for (int w = 0; w < idleThreads; w++) {
            Thread t = new Thread(() -> idle(end), "idle-" + w);
            t.setDaemon(true);
            t.start();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // The second half alone: the pusher's first windows run interpreted code and load classes once.
        Thread.sleep(seconds * 500L);
        long[] half = pushThread();
        long halfProcessCpu = os.getProcessCpuTime();
        Map<String, Long> halfPhases = pushPhases();
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
        StringBuilder phases = new StringBuilder("phases");
        pushPhases().forEach((phase, nanos) -> phases.append(' ').append(phase).append('=')
                .append((nanos - halfPhases.getOrDefault(phase, 0L)) / 1_000));
        System.out.println(phases);
    }

    /** The push thread's CPU nanoseconds by phase, from the agent's /debug/vars; empty without a pusher. */
    private static Map<String, Long> pushPhases() throws Exception {
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        String address = System.getProperty("pprof4j.address");
        if (address == null) {
            return phases;
        }
        try (var in = new java.net.URL("http://" + address + "/debug/vars").openStream()) {
            String vars = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            var m = java.util.regex.Pattern.compile("\"CpuNs\\.([a-z_]+)\"\\s*:\\s*(\\d+)").matcher(vars);
            while (m.find()) {
                phases.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return phases;
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
            int handler = random.nextInt(handlers);
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
            // Every 24 handlers take another order through the 6 methods: more handlers, more distinct stacks (up to 144).
            return switch ((handler + depth + (handler / 24) * depth * depth) % 6) {
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
