package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.profile.ProfileEncoder;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The child JVM of the CPU truth tests: runs {@link CpuTruthWorkload} on its own thread,
 * warms it up, takes one CPU profile, lets the workload run only inside that profile's
 * window, and prints every stretch of work it did there
 * ({@code stretch START END METHOD LOOP CPU_NANOS}): the truth the profile must show.
 *
 * <p>Arguments: {@code SOURCE SECONDS OUT}, where SOURCE is {@code async:EVENT} (our
 * async-profiler engine called directly, EVENT one of cpu, itimer, ctimer), {@code agent}
 * (the pprof4j agent of this JVM, over HTTP) or an {@code http://} URL of a
 * {@code /debug/pprof/profile} endpoint (without {@code seconds}).
 */
public final class CpuTruthMain {
    static final long START_MARGIN_MILLIS = 500;
    static final long END_MARGIN_MILLIS = 1000;

    private CpuTruthMain() {
    }

    public static void main(String[] args) throws Exception {
        String source = args[0];
        int seconds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        if (source.startsWith("async:")) {
            // As the agent does at start: code the JIT compiles from now on carries the
            // debug information that puts a sample in the right inlined method.
            String reason = new AsyncProfilerCpuEngine().unavailableReason();
            if (reason != null) {
                throw new IllegalStateException("async-profiler did not load: " + reason);
            }
        }
        CpuTruthWorkload workload = new CpuTruthWorkload(System.nanoTime());
        Thread worker = new Thread(workload, "cpu-truth-worker");
        worker.setDaemon(true);
        worker.start();
        workload.setWorking(true);
        Thread.sleep(2000); // let the JIT compile the loops
        workload.setWorking(false);
        Path warmUp = Path.of(out + ".warmup");
        profile(source, 1, warmUp); // loads the engine
        Files.deleteIfExists(warmUp);

        // The worker works only well inside the profile's window, so the truth needs no
        // guess of when sampling really started and stopped: START_MARGIN covers the
        // engine's start, END_MARGIN the last stretch and the stop.
        Thread.sleep(300); // the last warm-up stretch ends
        Thread profiler = new Thread(() -> {
            try {
                profile(source, seconds, out);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }, "cpu-truth-profile");
        profiler.start();
        Thread.sleep(START_MARGIN_MILLIS);
        long start = System.nanoTime();
        workload.setWorking(true);
        Thread.sleep(seconds * 1000L - START_MARGIN_MILLIS - END_MARGIN_MILLIS);
        workload.setWorking(false);
        long end = System.nanoTime();
        profiler.join();
        workload.stop();
        worker.join();
        System.out.println("window " + start + " " + end);
        for (CpuTruthWorkload.Stretch s : workload.stretchesSince(start)) {
            System.out.println("stretch " + s.start() + " " + s.end() + " " + s.method() + " " + s.loop() + " " + s.cpuNanos());
        }
        System.out.println("sink " + workload.sink);
        System.out.flush();
        System.exit(0); // whatever threads the agent or the HTTP client left running
    }

    private static void profile(String source, int seconds, Path out) throws Exception {
        if (source.startsWith("async:")) {
            AsyncProfilerCpuEngine engine = new AsyncProfilerCpuEngine(List.of(source.substring(6)));
            try (CpuEngine.CpuRecording recording = engine.start(new CpuEngine.CpuRequest(Duration.ofSeconds(seconds),
                    CpuEngine.CpuRequest.DEFAULT_INTERVAL, "cpu"))) {
                Thread.sleep(seconds * 1000L);
                ProfileEncoder.writeGzip(recording.stop(), out);
            }
        } else {
            String url = source.equals("agent")
                    ? "http://" + System.getProperty("pprof4j.address") + "/debug/pprof/profile" : source;
            fetch(url + (url.contains("?") ? "&" : "?") + "seconds=" + seconds, out);
        }
    }

    private static void fetch(String url, Path out) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            Files.copy(body, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
