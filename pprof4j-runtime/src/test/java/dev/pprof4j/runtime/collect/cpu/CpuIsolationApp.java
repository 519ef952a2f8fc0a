package dev.pprof4j.runtime.collect.cpu;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host application for the isolation tests, run with the agent. {@code clean OUT}: takes a
 * CPU profile from its agent, then reports whether it can see async-profiler's classes.
 * {@code own OUT}: starts the async-profiler it ships itself (on its class path), takes a
 * profile from its agent meanwhile, prints the index page's row for it, then stops its own
 * and reports its own samples.
 * {@code serve}: burns CPU in {@link #burn} and sleeps in {@link #nap} until killed.
 */
public final class CpuIsolationApp {
    static volatile long sink;

    private CpuIsolationApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread burner = new Thread(CpuIsolationApp::burn, "burner");
        burner.setDaemon(true);
        burner.start();
        Thread napper = new Thread(CpuIsolationApp::nap, "napper");
        napper.setDaemon(true);
        napper.start();
        switch (args[0]) {
            case "clean" -> {
                fetchProfile(Path.of(args[1]));
                boolean visible;
                try {
                    Class.forName("one.profiler.AsyncProfiler");
                    visible = true;
                } catch (ClassNotFoundException e) {
                    visible = false;
                }
                System.out.println("app sees one.profiler.AsyncProfiler: " + visible);
                System.out.println("app sees the class file: "
                        + (ClassLoader.getSystemClassLoader().getResource("one/profiler/AsyncProfiler.class") != null));
            }
            case "own" -> {
                Class<?> api = Class.forName("one.profiler.AsyncProfiler");
                Object own = api.getMethod("getInstance").invoke(null);
                Method execute = api.getMethod("execute", String.class);
                System.out.println("own start: " + ((String) execute.invoke(own, "start,event=cpu,interval=10ms")).trim());
                fetchProfile(Path.of(args[1]));
                printIndexRow("profile");
                execute.invoke(own, "stop");
                String collapsed = (String) execute.invoke(own, "collapsed");
                long burnSamples = collapsed.lines().filter(l -> l.contains("CpuIsolationApp.burn"))
                        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
                System.out.println("own samples in burn: " + burnSamples);
            }
            default -> {
                System.out.println("serving");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        System.out.flush();
        System.exit(0);
    }

    private static void fetchProfile(Path out) throws Exception {
        String url = "http://" + System.getProperty("pprof4j.address") + "/debug/pprof/profile?seconds=2";
        HttpResponse<Path> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(out));
        System.out.println("profile status: " + response.statusCode());
    }

    /** Prints the index page's row for {@code name}: {@code index NAME: <tr>...</tr>}. */
    private static void printIndexRow(String name) throws Exception {
        String url = "http://" + System.getProperty("pprof4j.address") + "/debug/pprof/";
        String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        page.lines().filter(l -> l.contains("'>" + name + "</a>")).forEach(l -> System.out.println("index " + name + ": " + l));
    }

    static void burn() {
        double x = 0;
        while (true) {
            for (int i = 1; i < 100_000; i++) {
                x += Math.sqrt(i) * 1e-9;
            }
            sink += (long) x;
        }
    }

    static void nap() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
