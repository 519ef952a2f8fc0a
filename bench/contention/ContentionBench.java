import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a profiler's contention hooks cost per event, measured in the CPU time of the threads
 * that pay it (immune to how busy the rest of the machine is):
 * one thread parks 2 000 000 times on a ReentrantLock as blocker, each park returning at once
 * (its permit was set just before): the price of a park hook per call, which every contended
 * acquisition of a j.u.c. lock pays at least once.
 * {@code vyield} (JDK 21+): a virtual thread yields 1 000 000 times, each an unmount and a mount
 * that is no park (what a virtual thread that never contends pays for the mount events), and
 * {@code vpingpong}: two virtual threads hand a turn back and forth 200 000 times with
 * {@code LockSupport.park(blocker)}, each hand-off a park that unmounts; both in the process's CPU
 * time per operation (virtual threads move between carriers).
 * {@code pprof4j RATE FRACTION HOLDERS_PER_SECOND} starts pprof4j's contention sampler in-process first.
 * Prints {@code result ns_per_op N ops N traced N}.
 * Usage: java ContentionBench park|vyield|vpingpong [pprof4j RATE FRACTION HOLDERS_PER_SECOND]
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
        if (!args[0].equals("park")) {
            virtual(args[0], sampler);
            return;
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

    static void virtual(String mode, Object sampler) throws Exception {
        int n = mode.equals("vyield") ? 1_000_000 : 200_000;
        run(mode, n / 5); // warm-up
        long parks0 = parks(sampler, "virtualParks");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        run(mode, n);
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.println("result ns_per_op " + (double) cpu / n + " ops " + n + " traced "
                + (parks(sampler, "virtualParks") - parks0));
    }

    static void run(String mode, int n) throws Exception {
        if (mode.equals("vyield")) {
            Thread t = virtualThread(() -> {
                for (int i = 0; i < n; i++) {
                    Thread.yield();
                }
            });
            t.start();
            t.join();
            return;
        }
        ReentrantLock blocker = new ReentrantLock();
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] players = new Thread[2];
        for (int p = 0; p < 2; p++) {
            int me = p;
            players[p] = virtualThread(() -> {
                for (int i = 0; i < n; i++) {
                    while (turn.get() != me) {
                        LockSupport.park(blocker);
                    }
                    turn.set(1 - me);
                    LockSupport.unpark(players[1 - me]);
                }
            });
        }
        for (Thread t : players) {
            t.start(); // both made first, so that neither unparks a player not there yet
        }
        for (Thread t : players) {
            t.join();
        }
    }

    /** Thread.ofVirtual().unstarted(body), by reflection: this file compiles on JDK 17 too. */
    static Thread virtualThread(Runnable body) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                .invoke(builder, body);
    }

    /** Parks pprof4j's hook saw (0 without it): shows the hook was in the path. */
    static long parks(Object sampler) throws Exception {
        return parks(sampler, "parks");
    }

    static long parks(Object sampler, String counter) throws Exception {
        if (sampler == null) {
            return 0;
        }
        Object stats = sampler.getClass().getMethod("stats").invoke(sampler);
        return (long) stats.getClass().getMethod(counter).invoke(stats);
    }

    static long threadCpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
