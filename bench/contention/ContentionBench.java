import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a profiler's contention hooks cost per event, measured in the CPU time of the threads
 * that pay it (immune to how busy the rest of the machine is):
 * one thread parks 2 000 000 times on a ReentrantLock as blocker, each park returning at once
 * (its permit was set just before): the price of a park hook per call, which every contended
 * acquisition of a j.u.c. lock pays at least once.
 * {@code pprof4j RATE FRACTION HOLDERS_PER_SECOND} starts pprof4j's contention sampler in-process first.
 * Prints {@code result ns_per_op N ops N traced N}.
 * Usage: java ContentionBench park [pprof4j RATE FRACTION HOLDERS_PER_SECOND]
 */
public class ContentionBench {
    public static void main(String[] args) throws Exception {
        Object sampler = null;
        if (args.length > 1 && args[1].equals("pprof4j")) {
            Class<?> settings = Class.forName("dev.pprof4j.runtime.collect.contention.ContentionSettings");
            Object s = settings.getConstructors()[0].newInstance(Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), "jvmti");
            sampler = Class.forName("dev.pprof4j.runtime.collect.contention.ContentionSampler")
                    .getMethod("start", settings).invoke(null, s);
        }
        park(200_000); // warm-up
        long parks0 = parks(sampler);
        long cpu0 = threadCpu();
        int n = 2_000_000;
        park(n);
        long cpu = threadCpu() - cpu0;
        System.out.println("result ns_per_op " + (double) cpu / n + " ops " + n + " traced " + (parks(sampler) - parks0));
    }

    static void park(int n) {
        ReentrantLock blocker = new ReentrantLock();
        Thread self = Thread.currentThread();
        for (int i = 0; i < n; i++) {
            LockSupport.unpark(self);
            LockSupport.park(blocker);
        }
    }

    /** Parks pprof4j's hook saw (0 without it): shows the hook was in the path. */
    static long parks(Object sampler) throws Exception {
        if (sampler == null) {
            return 0;
        }
        Object stats = sampler.getClass().getMethod("stats").invoke(sampler);
        return (long) stats.getClass().getMethod("parks").invoke(stats);
    }

    static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
