import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a profiler's contention hooks cost per event, measured in the CPU time of the threads
 * that pay it (immune to how busy the rest of the machine is):
 * <ul>
 * <li>{@code park}: one thread parks 2 000 000 times on a ReentrantLock as blocker, each park
 *     returning at once (its permit was set just before): the price of a park hook per call;
 * <li>{@code monitor}: two threads take turns on a monitor, each holding it for 20 µs of spinning,
 *     so that most enters are contended: the price per contended monitor enter (counted by
 *     pprof4j when it runs; the same count is used for the other configurations).
 * </ul>
 * {@code pprof4j RATE FRACTION HOLDERS_PER_SECOND} starts pprof4j's contention sampler in-process first.
 * Prints {@code result ns_per_op N ops N contended N}.
 * Usage: java ContentionBench park|monitor [pprof4j RATE FRACTION HOLDERS_PER_SECOND]
 */
public class ContentionBench {
    static long sink;

    public static void main(String[] args) throws Exception {
        Object sampler = null;
        if (args.length > 1 && args[1].equals("pprof4j")) {
            Class<?> settings = Class.forName("dev.pprof4j.runtime.collect.contention.ContentionSettings");
            Object s = settings.getConstructors()[0].newInstance(Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), "jvmti");
            sampler = Class.forName("dev.pprof4j.runtime.collect.contention.ContentionSampler")
                    .getMethod("start", settings).invoke(null, s);
        }
        long contended0 = contended(sampler);
        if (args[0].equals("park")) {
            park(200_000); // warm-up
            contended0 = contended(sampler);
            long cpu0 = threadCpu();
            int n = 2_000_000;
            park(n);
            long cpu = threadCpu() - cpu0;
            System.out.println("result ns_per_op " + (double) cpu / n + " ops " + n + " contended " + (contended(sampler) - contended0));
        } else {
            monitor(2_000); // warm-up
            contended0 = contended(sampler);
            long cpu0 = processCpu();
            int n = 40_000;
            monitor(n);
            long cpu = processCpu() - cpu0;
            long contended = contended(sampler) - contended0;
            System.out.println("result ns_per_op " + (double) cpu / n + " ops " + n + " contended " + contended);
        }
    }

    static void park(int n) {
        ReentrantLock blocker = new ReentrantLock();
        Thread self = Thread.currentThread();
        for (int i = 0; i < n; i++) {
            LockSupport.unpark(self);
            LockSupport.park(blocker);
        }
    }

    /** Two threads, n acquisitions each, each held 20 µs. */
    static void monitor(int n) throws InterruptedException {
        Object mon = new Object();
        Runnable body = () -> {
            for (int i = 0; i < n; i++) {
                synchronized (mon) {
                    spin(20_000);
                }
            }
        };
        Thread a = new Thread(body);
        Thread b = new Thread(body);
        a.start();
        b.start();
        a.join();
        b.join();
    }

    static long contended(Object sampler) throws Exception {
        if (sampler == null) {
            return 0;
        }
        Object stats = sampler.getClass().getMethod("stats").invoke(sampler);
        return (long) stats.getClass().getMethod("monitorEnters").invoke(stats)
                + (long) stats.getClass().getMethod("parks").invoke(stats);
    }

    static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < until) {
            x++;
        }
        sink += x;
    }

    static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
