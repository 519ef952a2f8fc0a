package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * async-profiler is loaded by the first CPU profile, not by the agent's start: an idle service
 * does not map its library (about 20 MB of RSS), the index page still names the engine, and
 * the first profile comes from async-profiler.
 */
class LazyAsyncProfilerIT {
    /** The prefix of the temporary file our copy of the library is loaded from (AsyncProfilerLibrary). */
    private static final String OUR_LIBRARY = "pprof4j-async-profiler-";

    @TempDir
    Path dir;

    @Test
    void theFirstCpuProfileLoadsAsyncProfiler() throws Exception {
        try (ChildJvm app = ChildJvm.builder(CpuIsolationApp.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,cpuengine=async-profiler").args("serve").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(30));
            String index = Http.get(base + "/debug/pprof/", Duration.ofSeconds(30), Map.of()).text();
            assertEquals(200, Http.get(base + "/debug/pprof/goroutine?debug=1", Duration.ofSeconds(30), Map.of()).status());
            assertFalse(maps(app).contains(OUR_LIBRARY), "async-profiler mapped before any CPU profile:\n" + ourLines(app));
            String row = index.lines().filter(l -> l.contains("'>profile</a>")).findFirst().orElse(index);
            assertTrue(row.contains("async-profiler") && row.contains("loaded at the first profile"), row);

            Http.Response profile = Http.get(base + "/debug/pprof/profile?seconds=1", Duration.ofSeconds(60), Map.of());
            assertEquals(200, profile.status(), profile.text());
            Path file = Files.write(dir.resolve("cpu.pb.gz"), profile.body());
            String comments = GoPprof.run("-comments", file.toString());
            assertTrue(comments.contains("engine: async-profiler"), comments);
            assertTrue(maps(app).contains(OUR_LIBRARY), "async-profiler served but its library is not mapped");
        }
    }

    private static String maps(ChildJvm app) throws IOException {
        return Files.readString(Path.of("/proc/" + app.pid() + "/maps"));
    }

    private static String ourLines(ChildJvm app) throws IOException {
        return String.join("\n", maps(app).lines().filter(l -> l.contains(OUR_LIBRARY)).toList());
    }
}
