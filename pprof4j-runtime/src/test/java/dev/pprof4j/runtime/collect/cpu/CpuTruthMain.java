package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Merger;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.runtime.collect.CpuEngine;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child JVM of the CPU truth tests: runs {@link CpuTruthWorkload} on its own thread,
 * warms it up, then for each of the four loops in turn takes one CPU profile
 * ({@code OUT-LOOP.pb.gz}) during which the workload works only in that loop, and prints every
 * stretch of work it did inside the profiles ({@code stretch START END METHOD LOOP CPU_NANOS}):
 * the truth the profiles must show.
 *
 * <p>Each loop gets CPU_SECONDS of the worker's CPU time, not of wall time, so the profiles
 * hold as many samples and stretches on a loaded machine as on an idle one; a profile of the
 * agent (whose length is fixed when it is asked for) is as long as the worker's share of a
 * core, measured just before, says it needs, with room to spare and at most
 * {@link #MAX_PROFILE_SECONDS}.
 *
 * <p>Arguments: {@code SOURCE CPU_SECONDS OUT}, where SOURCE is {@code async:EVENT} (our
 * async-profiler engine called directly, EVENT one of cpu, itimer, ctimer), {@code async-split:EVENT}
 * (the same, its recording split every {@value #SPLIT_MILLIS} ms while it samples on, the
 * profile the merge of the slices) or {@code agent}
 * (the pprof4j agent of this JVM, over HTTP). Exit status 4: the machine was too busy for
 * the worker to do its work inside the profile.
 */
public final class CpuTruthMain {
    static final long START_MARGIN_MILLIS = 500;
    static final long END_MARGIN_MILLIS = 1000;
    static final int MAX_PROFILE_SECONDS = 60;
    static final long SPLIT_MILLIS = 1000;

    private final String source;
    private final CpuTruthWorkload workload = new CpuTruthWorkload(System.nanoTime());
    /** The worker's CPU time per wall time lately: how much of a core this machine gives it. */
    private double coreShare;

    private CpuTruthMain(String source) {
        this.source = source;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].startsWith("async")) {
            // As the agent does at start: code the JIT compiles from now on carries the
            // debug information that puts a sample in the right inlined method.
            String reason = new AsyncProfilerCpuEngine().unavailableReason();
            if (reason != null) {
                throw new IllegalStateException("async-profiler did not load: " + reason);
            }
        }
        new CpuTruthMain(args[0]).run((long) (Double.parseDouble(args[1]) * 1e9), args[2]);
        System.exit(0); // whatever threads the agent or the HTTP client left running
    }

    private void run(long cpuNanosPerLoop, String out) throws Exception {
        workload.start("cpu-truth-worker");
        coreShare = workload.warmUp(2000); // the JIT compiles the loops
        Path warmUp = Path.of(out + ".warmup");
        profile(1, warmUp).finish(); // loads the engine
        Files.deleteIfExists(warmUp);

        long start = System.nanoTime();
        for (int loop = 0; loop < CpuTruthWorkload.LOOPS.length; loop++) {
            workload.setLoop(loop);
            profileOneLoop(cpuNanosPerLoop, Path.of(out + "-" + CpuTruthWorkload.LOOPS[loop] + ".pb.gz"));
        }
        workload.stopAndJoin();
        System.out.println("window " + start + " " + System.nanoTime());
        for (CpuTruthWorkload.Stretch s : workload.stretchesSince(start)) {
            System.out.println("stretch " + s.start() + " " + s.end() + " " + s.method() + " " + s.loop() + " " + s.cpuNanos());
        }
        System.out.println("sink " + workload.sink);
        System.out.flush();
    }

    /**
     * The worker works only well inside the profile's window, so the truth needs no guess of
     * when sampling really started and stopped: START_MARGIN covers the engine's start,
     * END_MARGIN the last stretch and the stop.
     */
    private void profileOneLoop(long cpuNanos, Path out) throws Exception {
        int seconds = profileSeconds(cpuNanos, coreShare);
        long profileEnd = System.nanoTime() + seconds * 1_000_000_000L;
        Profiling profiling = profile(seconds, out);
        Thread.sleep(START_MARGIN_MILLIS);
        long wall = System.nanoTime();
        long spent = workload.workFor(cpuNanos, profileEnd - END_MARGIN_MILLIS * 1_000_000);
        long end = System.nanoTime();
        coreShare = (double) spent / (end - wall);
        exitIfTooBusy(out.getFileName() + ": ", end - wall, end, profileEnd, seconds);
        profiling.finish();
    }

    /**
     * How long a profile must be for a worker that gets {@code coreShare} of a core to spend
     * {@code cpuNanos} inside it, with room to spare, both margins, and at most MAX_PROFILE_SECONDS.
     */
    static int profileSeconds(long cpuNanos, double coreShare) {
        double wallNeeded = cpuNanos / Math.max(coreShare, 0.05) * 1.25 / 1e9;
        return (int) Math.min(MAX_PROFILE_SECONDS, Math.ceil(wallNeeded + (START_MARGIN_MILLIS + END_MARGIN_MILLIS) / 1e3));
    }

    /**
     * Exit status 4 when the last stretch (CPU time, not wall time) ran on to within 0.2 s of
     * the profile's end: the truth would count work the profile may not hold. Say so rather
     * than mislead.
     */
    static void exitIfTooBusy(String label, long workedNanos, long end, long profileEnd, int seconds) {
        if (end > profileEnd - 200_000_000L) {
            System.out.println(label + "the worker's last stretch ended " + workedNanos / 1_000_000 + " ms into a "
                    + seconds + " s profile: this machine is too busy for the truth test");
            System.exit(4);
        }
    }

    /** A profile being taken; {@link #finish} waits for it and writes it. */
    interface Profiling {
        void finish() throws Exception;
    }

    private Profiling profile(int seconds, Path out) throws Exception {
        if (source.startsWith("async:")) {
            AsyncProfilerCpuEngine engine = new AsyncProfilerCpuEngine(List.of(source.substring(6)));
            CpuEngine.CpuRecording recording = engine.start(new CpuEngine.CpuRequest(Duration.ofSeconds(seconds),
                    CpuEngine.CpuRequest.DEFAULT_INTERVAL, "cpu"));
            return () -> { // stops as soon as the work is done, long before `seconds`
                try (recording) {
                    ProfileEncoder.writeGzip(recording.stop(), out);
                }
            };
        }
        if (source.startsWith("async-split:")) {
            return splitProfile(seconds, out);
        }
        String url = "http://" + System.getProperty("pprof4j.address") + "/debug/pprof/profile?seconds=" + seconds;
        Thread fetcher = new Thread(() -> {
            try {
                fetch(url, out);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }, "cpu-truth-profile");
        fetcher.start();
        return fetcher::join;
    }

    /**
     * A profile taken in slices, as the pusher's windows are cut: the recording is split every
     * SPLIT_MILLIS while it samples on, and the profile is the merge of the slices. A split
     * the engine declines fails the test: the truth would then say nothing about splitting.
     */
    private Profiling splitProfile(int seconds, Path out) throws Exception {
        AsyncProfilerCpuEngine engine = new AsyncProfilerCpuEngine(List.of(source.substring("async-split:".length())));
        CpuEngine.CpuRecording recording = engine.start(new CpuEngine.CpuRequest(Duration.ofSeconds(seconds),
                CpuEngine.CpuRequest.DEFAULT_INTERVAL, "cpu"));
        List<Profile> slices = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread splitter = new Thread(() -> {
            try {
                while (!done.get()) {
                    Thread.sleep(SPLIT_MILLIS);
                    CpuEngine.CpuRecording slice = recording.split();
                    if (slice == null) {
                        throw new IllegalStateException("async-profiler's recording declined a split");
                    }
                    slices.add(slice.stop());
                }
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(3);
            }
        }, "cpu-truth-splitter");
        splitter.start();
        return () -> {
            done.set(true);
            splitter.join();
            try (recording) {
                slices.add(recording.stop());
            }
            System.out.println("slices " + slices.size());
            ProfileEncoder.writeGzip(Merger.merge(slices), out);
        };
    }

    static void fetch(String url, Path out) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            Files.copy(body, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
