import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import dev.pprof4j.Pprof4j;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.history.SnapshotHistory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The service of the history ring's benchmark, everything measured inside one JVM:
 * {@code HistoryRing <threads> <heapMB> <agent options> <cpu ticks> [dump.hprof]}.
 *
 * <p>Starts pprof4j in-process ({@link Pprof4j#start(String)}, the agent jar on the class
 * path), parks {@code threads} platform threads in 50 distinct stacks (depths 1..50), retains
 * {@code heapMB} of byte arrays (1-64 KiB) from 16 sites. Then:
 * <ol>
 * <li>tick cost, the application quiet: over {@code cpu ticks} ticks (after 5 to warm up),
 *     the CPU of the history's thread (ThreadMXBean: exact), of HotSpot's "VM Thread"
 *     (/proc: the safepoint operation that walks the 10 000 stacks for dumpAllThreads runs
 *     there, not on the caller), and of the whole process; and each tick's LastTickNs; the
 *     window's JVM uptime, to find its safepoints in an {@code -Xlog:safepoint} log;</li>
 * <li>a garbage-making thread starts and the ring is refilled (as many ticks as it holds),
 *     so every snapshot has its own heap reading, as a busy service's would;</li>
 * <li>memory: the history is frozen (closed: the ring stays), the garbage maker stopped;
 *     heap used after two full GCs, three times (A); optionally a heap dump for the exact
 *     retained size ({@code dev.pprof4j.testkit.RetainedSize}); then the ring and its
 *     interner are dropped (the history's private {@code stop}, by reflection: a bench's
 *     reach, not an agent option) and the heap read three times again (B).</li>
 * </ol>
 * Prints one {@code key value} line per figure.
 */
public class HistoryRing {
    static final List<byte[]> RETAINED = new ArrayList<>();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long heapBytes = Long.parseLong(args[1]) << 20;
        String options = args[2];
        int cpuTicks = Integer.parseInt(args[3]);
        Path dump = args.length > 4 ? Path.of(args[4]) : null;
        // Everything the measurement uses is loaded before the first heap reading.
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        Method stop = SnapshotHistory.class.getDeclaredMethod("stop", String.class);
        stop.setAccessible(true);

        Pprof4j pprof = Pprof4j.start("port=0," + options);
        SnapshotHistory history = history(pprof);
        CountDownLatch parked = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            int depth = 1 + i % 50;
            Thread t = new Thread(() -> descend(depth, parked), "worker-" + i);
            t.setDaemon(true);
            t.start();
        }
        parked.await();
        long retained = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (retained < heapBytes) {
            byte[] b = allocate(random.nextInt(16), 1024 + random.nextInt(63 * 1024));
            RETAINED.add(b);
            retained += b.length;
        }
        Thread historyThread = thread("pprof4j-history");
        int vmThread = vmThreadId();

        // 1. What a tick costs, the application quiet.
        awaitTicks(history, history.ticks() + 5);
        long ticks0 = history.ticks();
        long history0 = threadBean.getThreadCpuTime(historyThread.getId());
        long vm0 = vmThreadCpuNanos(vmThread);
        long process0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        long uptime0 = ManagementFactory.getRuntimeMXBean().getUptime();
        List<Long> tickNanos = new ArrayList<>();
        long lastSeen = history.lastTickNanos();
        while (history.ticks() < ticks0 + cpuTicks) {
            Thread.sleep(20);
            long last = history.lastTickNanos();
            if (last != lastSeen) {
                tickNanos.add(last);
                lastSeen = last;
            }
        }
        long ticks = history.ticks() - ticks0;
        long historyCpu = threadBean.getThreadCpuTime(historyThread.getId()) - history0;
        long vmCpu = vmThreadCpuNanos(vmThread) - vm0;
        long processCpu = os.getProcessCpuTime() - process0;
        long wall = System.nanoTime() - wall0;
        long uptime1 = ManagementFactory.getRuntimeMXBean().getUptime();

        // 2. Refill the ring while the application makes garbage.
        Thread churn = new Thread(HistoryRing::churn, "churn");
        churn.setDaemon(true);
        churn.start();
        awaitTicks(history, history.ticks() + history.settings().size());

        // 3. Memory, the ring frozen.
        history.close();
        historyThread.join(60_000);
        churn.interrupt();
        churn.join();
        int held = history.snapshots().size();
        long estimate = history.bytes();
        long[] before = usedAfterGc(3);
        if (dump != null) {
            Files.deleteIfExists(dump);
            hotspot.dumpHeap(dump.toString(), true);
        }
        stop.invoke(history, "dropped by the benchmark");
        long[] after = usedAfterGc(3);

        long[] sortedTicks = tickNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println("threads " + threadBean.getThreadCount() + " retained " + retained + " held " + held
                + " estimate " + estimate);
        System.out.println("used_before " + join(before) + " used_after " + join(after)
                + " ring " + (median(before) - median(after)));
        System.out.println("cpu_ticks " + ticks + " wall_ns " + wall + " history_cpu_ns " + historyCpu
                + " vm_thread_cpu_ns " + vmCpu + " process_cpu_ns " + processCpu
                + " last_tick_ns_median " + (sortedTicks.length == 0 ? -1 : sortedTicks[sortedTicks.length / 2])
                + " last_tick_ns " + join(tickNanos.stream().mapToLong(Long::longValue).toArray())
                + " window_uptime_ms " + uptime0 + "," + uptime1);
        pprof.close();
        System.out.println("sink " + (sink & 1));
    }

    /** The running history of an in-process pprof4j; the bench reaches into the private field. */
    static SnapshotHistory history(Pprof4j pprof) throws ReflectiveOperationException {
        Field collectors = Pprof4j.class.getDeclaredField("collectors");
        collectors.setAccessible(true);
        return ((CollectorSet) collectors.get(pprof)).history()
                .orElseThrow(() -> new IllegalStateException("the history is off; pass history=1s"));
    }

    static void awaitTicks(SnapshotHistory history, long ticks) throws InterruptedException {
        while (history.ticks() < ticks) {
            if (history.stoppedReason() != null) {
                throw new IllegalStateException("history stopped: " + history.stoppedReason());
            }
            Thread.sleep(50);
        }
    }

    /** Heap used after two full GCs, {@code reads} times: the spread says how stable one reading is. */
    static long[] usedAfterGc(int reads) {
        long[] used = new long[reads];
        for (int i = 0; i < reads; i++) {
            System.gc();
            System.gc();
            used[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return used;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String join(long[] values) {
        StringBuilder out = new StringBuilder();
        for (long v : values) {
            out.append(out.length() == 0 ? "" : ",").append(v);
        }
        return out.toString();
    }

    static Thread thread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    /** The Linux task id of HotSpot's VM Thread, which runs safepoint operations such as thread dumps. */
    static int vmThreadId() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).trim().equals("VM Thread")) {
                    return Integer.parseInt(task.getFileName().toString());
                }
            }
        }
        throw new IllegalStateException("no \"VM Thread\" in /proc/self/task");
    }

    /** utime + stime of one task, at the kernel's 100 Hz clock. */
    static long vmThreadCpuNanos(int tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }

    static void descend(int depth, CountDownLatch parked) {
        if (depth > 0) {
            descend(depth - 1, parked);
            return;
        }
        parked.countDown();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sixteen allocation sites, so the heap has sites as a service's does. */
    static byte[] allocate(int site, int size) {
        switch (site) {
            case 0: return site0(size);
            case 1: return site1(size);
            case 2: return site2(size);
            case 3: return site3(size);
            default: return site > 9 ? siteHigh(size) : siteMid(size);
        }
    }

    static byte[] site0(int size) { return new byte[size]; }
    static byte[] site1(int size) { return new byte[size]; }
    static byte[] site2(int size) { return new byte[size]; }
    static byte[] site3(int size) { return new byte[size]; }
    static byte[] siteMid(int size) { return new byte[size]; }
    static byte[] siteHigh(int size) { return new byte[size]; }

    static void churn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < 64; i++) {
                sink += new byte[1024 + random.nextInt(8192)].length;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
