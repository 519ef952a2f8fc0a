package dev.pprof4j.runtime.collect.cpu;

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
    private final InlineTruthWorkload workload = new InlineTruthWorkload(System.nanoTime());

    public static void main(String[] args) throws Exception {
        new InlineTruthMain().run((long) (Double.parseDouble(args[0]) * 1e9), Path.of(args[1] + ".pb.gz"));
        System.exit(0); // whatever threads the agent or the HTTP client left running
    }

    private void run(long cpuNanos, Path out) throws Exception {
        workload.start("inline-truth-worker");
        double coreShare = workload.warmUp(2000); // C2 compiles the loops, with mix inlined

        String url = "http://" + System.getProperty("pprof4j.address") + "/debug/pprof/profile?seconds=";
        int seconds = CpuTruthMain.profileSeconds(cpuNanos, coreShare);
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
        Thread.sleep(CpuTruthMain.START_MARGIN_MILLIS);
        long workStart = System.nanoTime();
        workload.workFor(cpuNanos, profileEnd - CpuTruthMain.END_MARGIN_MILLIS * 1_000_000);
        long end = System.nanoTime();
        CpuTruthMain.exitIfTooBusy("", end - workStart, end, profileEnd, seconds);
        fetcher.join();
        workload.stopAndJoin();
        System.out.println("window " + workStart + " " + end);
        for (InlineTruthWorkload.Stretch s : workload.stretchesSince(workStart)) {
            System.out.println("stretch " + s.start() + " " + s.end() + " " + s.kind() + " " + s.cpuNanos());
        }
        System.out.println("sink " + workload.sink);
        System.out.flush();
    }
}
