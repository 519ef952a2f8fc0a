package dev.pprof4j.runtime.collect.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * The child JVM of {@link InlinedMethodTruthIT}: runs {@link InlineTruthWorkload} on its own
 * thread, lets the JIT compile it, then takes one CPU profile from this JVM's agent
 * ({@code OUT.pb.gz}) while the worker spends CPU_SECONDS of its CPU time, and prints every
 * stretch of work it did inside the profile ({@code stretch START END KIND CPU_NANOS}).
 *
 * <p>Arguments: {@code CPU_SECONDS OUT}. Exit status 4: the machine was too busy for the
 * worker to do its work inside the profile.
 */
public final class InlineTruthMain {
    static final long START_MARGIN_MILLIS = 500;
    static final long END_MARGIN_MILLIS = 1000;

    private final InlineTruthWorkload workload = new InlineTruthWorkload(System.nanoTime());
    private final Thread worker = new Thread(workload, "inline-truth-worker");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        new InlineTruthMain().run((long) (Double.parseDouble(args[0]) * 1e9), Path.of(args[1] + ".pb.gz"));
        System.exit(0); // whatever threads the agent or the HTTP client left running
    }

    private void run(long cpuNanos, Path out) throws Exception {
        worker.setDaemon(true);
        worker.start();
        long wall = System.nanoTime();
        long cpu = workerCpu();
        workload.setWorking(true);
        Thread.sleep(2000); // let C2 compile the loops, with mix inlined
        stopWork();
        double coreShare = (double) (workerCpu() - cpu) / (System.nanoTime() - wall);

        String url = "http://" + System.getProperty("pprof4j.address") + "/debug/pprof/profile?seconds=";
        double wallNeeded = cpuNanos / Math.max(coreShare, 0.05) * 1.25 / 1e9;
        int seconds = (int) Math.min(CpuTruthMain.MAX_PROFILE_SECONDS,
                Math.ceil(wallNeeded + (START_MARGIN_MILLIS + END_MARGIN_MILLIS) / 1e3));
        long start = System.nanoTime();
        long profileEnd = start + seconds * 1_000_000_000L;
        Thread fetcher = new Thread(() -> {
            try {
                CpuTruthMain.fetch(url + seconds, out);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }, "inline-truth-profile");
        fetcher.start();
        Thread.sleep(START_MARGIN_MILLIS);
        long workStart = System.nanoTime();
        cpu = workerCpu();
        workload.setWorking(true);
        while (workerCpu() - cpu < cpuNanos && System.nanoTime() < profileEnd - END_MARGIN_MILLIS * 1_000_000) {
            Thread.sleep(5);
        }
        stopWork();
        long end = System.nanoTime();
        if (end > profileEnd - 200_000_000L) {
            System.out.println("the worker's last stretch ended " + (end - workStart) / 1_000_000 + " ms into a "
                    + seconds + " s profile: this machine is too busy for the truth test");
            System.exit(4);
        }
        fetcher.join();
        workload.stop();
        worker.join();
        System.out.println("window " + workStart + " " + end);
        for (InlineTruthWorkload.Stretch s : workload.stretchesSince(workStart)) {
            System.out.println("stretch " + s.start() + " " + s.end() + " " + s.kind() + " " + s.cpuNanos());
        }
        System.out.println("sink " + workload.sink);
        System.out.flush();
    }

    private void stopWork() throws InterruptedException {
        workload.setWorking(false);
        while (!workload.isIdle()) {
            Thread.sleep(1);
        }
    }

    private long workerCpu() {
        return threads.getThreadCpuTime(worker.getId());
    }
}
