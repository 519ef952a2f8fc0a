package dev.pprof4j.runtime.collect.cpu;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The application of {@code bench/cpu-engines.sh}: one thread doing a mix of work (hash
 * map, SHA-256, arraycopy, Math) for SECONDS after a warm-up, printing {@code ops N}. With the
 * agent loaded it asks its own agent for a CPU profile of exactly that window, so the cost
 * measured is the engine's while it samples.
 */
public final class CpuEngineBenchApp {
    private CpuEngineBenchApp() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String mode = args.length > 1 ? args[1] : "cpu";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] a = new byte[8192];
        byte[] b = new byte[8192];
        Map<Integer, Integer> map = new HashMap<>();
        long sink = 0;
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink += step(sha, a, b, map, sink);
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
        long ops = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            sink += step(sha, a, b, map, sink);
            ops++;
        }
        System.out.println("ops " + ops + " sink " + (sink & 1));
        if (profiler != null) {
            profiler.join();
        }
        System.exit(0);
    }

    private static long step(MessageDigest sha, byte[] a, byte[] b, Map<Integer, Integer> map, long seed) {
        System.arraycopy(a, 0, b, 0, a.length);
        sha.update(b, 0, 1024);
        double x = 0;
        for (int i = 1; i < 200; i++) {
            x += Math.log(i) * Math.sin(i + seed);
        }
        for (int i = 0; i < 200; i++) {
            map.merge((int) (seed + i) & 4095, 1, Integer::sum);
        }
        return (long) x + map.size() + sha.digest()[0];
    }
}
