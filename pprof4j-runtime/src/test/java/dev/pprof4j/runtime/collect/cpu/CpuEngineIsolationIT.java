package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * async-profiler rides along without touching the host: the application cannot see its
 * classes, an application that ships its own keeps using it while pprof4j falls back to JFR
 * and says why, a second concurrent CPU profile is refused at once, and mode=wall shows a
 * sleeping thread.
 */
class CpuEngineIsolationIT {
    @TempDir
    Path dir;

    @Test
    void theHostClassPathStaysClean() throws Exception {
        Path out = dir.resolve("clean.pb.gz");
        try (ChildJvm app = ChildJvm.builder(CpuIsolationApp.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,cpuengine=async-profiler").args("clean", out.toString()).start()) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(60)), app.output());
            String output = app.output();
            assertTrue(output.contains("profile status: 200"), output);
            assertTrue(GoPprof.run("-comments", out.toString()).contains("engine: async-profiler"),
                    "async-profiler did not serve, so the test proves nothing:\n" + GoPprof.run("-comments", out.toString()));
            assertTrue(output.contains("app sees one.profiler.AsyncProfiler: false"), output);
            assertTrue(output.contains("app sees the class file: false"), output);
        }
    }

    @Test
    void anApplicationWithItsOwnAsyncProfilerKeepsItAndWeFallBack() throws Exception {
        Path out = dir.resolve("own.pb.gz");
        Path ownJar = dir.resolve("app-async-profiler.jar");
        try (var nested = AsyncProfilerLibrary.class.getResourceAsStream(AsyncProfilerLibrary.NESTED_JAR)) {
            Files.copy(nested, ownJar);
        }
        try (ChildJvm app = ChildJvm.builder(CpuIsolationApp.class.getName())
                .classPath(System.getProperty("java.class.path") + File.pathSeparator + ownJar)
                .agent(ChildJvm.agentJar(), "port=0,cpuengine=async-profiler").args("own", out.toString()).start()) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(60)), app.output());
            String output = app.output();
            assertTrue(output.contains("own start: Profiling started"), output);
            assertTrue(output.contains("profile status: 200"), output);
            long own = Long.parseLong(output.replaceAll("(?s).*own samples in burn: (\\d+).*", "$1"));
            assertTrue(own >= 20, "the application's own async-profiler got " + own + " samples:\n" + output);
            String comments = GoPprof.run("-comments", out.toString());
            assertTrue(comments.contains("engine: jfr") && comments.contains("will not load a second copy"), comments);
            String indexRow = output.replaceAll("(?s).*index profile: ([^\n]*).*", "$1");
            assertTrue(indexRow.contains("jfr") && indexRow.contains("fallback"), "index page row: " + output);
            if (ChildJvm.feature() < CpuEngines.JFR_SOUND_FROM) {
                // The JFR fallback before 25 cannot see intrinsics and stubs, and says so.
                assertTrue(comments.contains("intrinsics and stubs"), comments);
                assertTrue(indexRow.contains("intrinsics and stubs"), "index page row: " + indexRow);
            }
            String top = GoPprof.run("-top", "-sample_index=samples", out.toString());
            assertTrue(top.contains("CpuIsolationApp.burn"), top);
        }
    }

    @Test
    void aSecondProfileSharesTheEngineAnotherModeIsRefusedAndWallModeSeesSleepers() throws Exception {
        try (ChildJvm app = ChildJvm.builder(CpuIsolationApp.class.getName())
                .agent(ChildJvm.agentJar(), "port=0").args("serve").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(30));
            // A first profile loads the engine (JFR's start-up alone took over 3 s on a loaded
            // machine, long enough for the "second" request below to win the race).
            assertEquals(200, Http.get(base + "/debug/pprof/profile?seconds=1", Duration.ofSeconds(60), Map.of()).status());
            CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(
                    () -> Http.get(base + "/debug/pprof/profile?seconds=8", Duration.ofSeconds(60), Map.of()));
            Thread.sleep(3000); // the first is surely running, even on a loaded machine
            long start = System.nanoTime();
            // Another CPU window shares the running engine; another mode cannot (one event at a time).
            Http.Response second = Http.get(base + "/debug/pprof/profile?seconds=1", Duration.ofSeconds(10), Map.of());
            Http.Response otherMode = Http.get(base + "/debug/pprof/profile?seconds=1&mode=wall", Duration.ofSeconds(10), Map.of());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            boolean firstStillRunning = !first.isDone();
            assertEquals(200, second.status(), second.text());
            assertEquals(500, otherMode.status(), otherMode.text());
            assertTrue(otherMode.text().contains("cpu profiling already in use"), otherMode.text());
            assertTrue(firstStillRunning, "answers took " + tookMillis + " ms; they must come while the first runs");
            assertEquals(200, first.get().status(), first.get().text());

            Http.Response wall = Http.get(base + "/debug/pprof/profile?seconds=2&mode=wall", Duration.ofSeconds(30), Map.of());
            assertEquals(200, wall.status(), wall.text());
            Path file = Files.write(dir.resolve("wall.pb.gz"), wall.body());
            String top = GoPprof.run("-top", "-sample_index=samples", "-nodecount=400", file.toString());
            assertTrue(top.contains("wall"), top);
            // The napper sleeps the whole 2 s: at 50 ms per sample that is 40 samples due.
            long napSamples = new PprofTop(GoPprof.run("-top", "-cum", "-sample_index=samples", "-nodecount=400",
                    file.toString())).cum(CpuIsolationApp.class.getName() + ".nap");
            assertTrue(napSamples >= 32 && napSamples <= 48, "napper got " + napSamples + " of 40 wall samples\n" + top);

            // The index page names the engine behind each profile.
            String index = Http.get(base + "/debug/pprof/", Duration.ofSeconds(30), Map.of()).text();
            String cpuEngine = ChildJvm.feature() >= CpuEngines.JFR_SOUND_FROM ? "jfr jdk.CPUTimeSample" : "async-profiler";
            assertTrue(indexRow(index, "profile").contains(cpuEngine), "expected " + cpuEngine + " in\n" + index);
            assertTrue(indexRow(index, "profile").contains("mode=wall"), index);
            assertTrue(indexRow(index, "allocs").toLowerCase(Locale.ROOT).contains("jvmti"), index);
            assertTrue(indexRow(index, "heap").toLowerCase(Locale.ROOT).contains("jvmti"), index);
        }
    }

    private static String indexRow(String index, String name) {
        return index.lines().filter(l -> l.contains("'>" + name + "</a>")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + index));
    }
}
