package dev.pprof4j.runtime.collect.cpu;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;

/**
 * The application of {@code bench/cpu-engines.sh}: one thread doing a fixed mix of work
 * (arraycopy, SHA-256, Math, a counting table) for SECONDS after a warm-up (3 s of its CPU time,
 * and the JIT quiet for a second). With the agent
 * loaded it asks its own agent for a CPU profile of exactly that window, so the cost measured
 * is the engine's while it samples.
 *
 * <p>It prints {@code ops N}, {@code thread-cpu NANOS} (the busy thread's own CPU time in the
 * window) and {@code process-cpu NANOS} (the whole JVM's). Ops per thread CPU second is what
 * the engine costs the application's thread (signal handlers, stack walks in the thread) and
 * does not move with how much of a core a loaded machine gives it; process CPU per op adds
 * what the engine's own threads burn (JFR's sampler thread), which a second core would hide
 * from ops/s. The work has no lambdas or collections: an earlier mix with
 * {@code HashMap.merge} compiled two ways from run to run and made ops/s bimodal.
 */
public final class CpuEngineBenchApp {
    private static final long WARM_UP_CPU_NANOS = 3_000_000_000L;

    private CpuEngineBenchApp() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String mode = args.length > 1 ? args[1] : "cpu";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] a = new byte[8192];
        byte[] b = new byte[8192];
        int[] table = new int[4096];
        long sink = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Warm up on CPU time, not wall time (a loaded machine gives the thread a fraction of
        // a core), until the JIT has been quiet for a second: compiling inside the window
        // would be counted as the engine's cost.
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long warmCpuEnd = threads.getCurrentThreadCpuTime() + WARM_UP_CPU_NANOS;
        long giveUp = System.nanoTime() + 60_000_000_000L;
        long compiled = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < giveUp) {
            for (int i = 0; i < 1000; i++) {
                sink += step(sha, a, b, table, sink);
            }
            long now = System.nanoTime();
            long total = jit.getTotalCompilationTime();
            if (total != compiled) {
                compiled = total;
                quietSince = now;
            } else if (now - quietSince > 1_000_000_000L && threads.getCurrentThreadCpuTime() > warmCpuEnd) {
                break;
            }
        }
        String address = System.getProperty("pprof4j.address");
        Thread profiler = null;
        if (address != null && !mode.equals("idle")) {
            String url = "http://" + address + "/debug/pprof/profile?seconds=" + (seconds + 1) + "&mode=" + mode;
            profiler = new Thread(() -> {
                try {
                    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    System.out.println("profile " + r.statusCode() + " " + r.body().length + " bytes");
                } catch (Exception e) {
                    System.out.println("profile failed " + e);
                }
            });
            profiler.start();
            Thread.sleep(500); // sampling has started
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpu = os.getProcessCpuTime();
        long threadCpu = threads.getCurrentThreadCpuTime();
        long ops = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            sink += step(sha, a, b, table, sink);
            ops++;
        }
        threadCpu = threads.getCurrentThreadCpuTime() - threadCpu;
        processCpu = os.getProcessCpuTime() - processCpu;
        System.out.println("ops " + ops + " sink " + (sink & 1));
        System.out.println("thread-cpu " + threadCpu);
        System.out.println("process-cpu " + processCpu);
        if (profiler != null) {
            profiler.join();
        }
        System.exit(0);
    }

    private static long step(MessageDigest sha, byte[] a, byte[] b, int[] table, long seed) {
        System.arraycopy(a, 0, b, 0, a.length);
        sha.update(b, 0, 1024);
        double x = 0;
        for (int i = 1; i < 200; i++) {
            x += Math.log(i) * Math.sin(i + seed);
        }
        for (int i = 0; i < 200; i++) {
            table[(int) (seed + 31L * i) & 4095]++;
        }
        return (long) x + table[(int) seed & 4095] + sha.digest()[0];
    }
}
