package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code /debug/pprof/heap} read by the real {@code go tool pprof}: a -base diff
 * of two profiles names the growing site first, as it does for a Go service, and debug=1 is
 * Go's text with the class histogram and MemStats block.
 */
class HeapEndpointIT {
    private static final int RATE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void baseDiffNamesTheGrowingSiteFirst() throws Exception {
        Path control = dir.resolve("control");
        try (ChildJvm app = ChildJvm.builder(GrowingService.class.getName())
                // 100 MB at the default 512 KiB is ~190 samples (one sigma 7 %: ±15 % failed 1 run
                // in ~30); at 64 KiB ~1500 (2.6 %), held there (no CPU budget). The default rate's accuracy
                // is HeapTruthIT's.
                .agent(ChildJvm.agentJar(), "port=0,memprofilebudget=0,memprofilerate=" + RATE)
                .jvmArg("-Xmx1g")
                .args(control.toString())
                .start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("ready 1"), Duration.ofSeconds(60));
            Path h1 = save(base + "/debug/pprof/heap?gc=1", "h1.pb.gz");
            Files.writeString(control, "grow 2");
            app.await(Pattern.compile("ready 2"), Duration.ofSeconds(120));
            Path h2 = save(base + "/debug/pprof/heap?gc=1", "h2.pb.gz");

            String top = GoPprof.run("-top", "-sample_index=inuse_space", "-base", h1.toString(), h2.toString());
            String first = firstRow(top);
            assertTrue(first.endsWith(GrowingService.class.getName() + ".leak"), "first row of\n" + top);
            // The leak is 100 MB ± 15 %: go tool pprof prints e.g. "97.66MB".
            double mb = Double.parseDouble(first.trim().split("\\s+")[0].replace("MB", ""));
            assertTrue(mb > 85 * 1e6 / (1 << 20) && mb < 115 * 1e6 / (1 << 20), "leak size in\n" + top);

            String text = Http.get(base + "/debug/pprof/heap?debug=1").text();
            assertTrue(text.startsWith("heap profile: "), text.substring(0, Math.min(200, text.length())));
            assertTrue(text.contains("@ heap/" + 2 * RATE), "Go's header with 2*rate");
            assertTrue(text.contains(GrowingService.class.getName() + ".leak+0x0"), "sites with frames");
            assertTrue(Pattern.compile("(?m)^# +\\d+: +\\d+ +\\d+  \\[B \\(java.base").matcher(text).find(),
                    "class histogram row for byte[]");
            assertTrue(text.contains("# HeapAlloc = "), "MemStats block");
            // go tool pprof reads the legacy text too (it ignores the # lines).
            Files.writeString(dir.resolve("heap.txt"), text);
            String raw = GoPprof.run("-raw", dir.resolve("heap.txt").toString());
            assertTrue(raw.contains("inuse_space/bytes"), raw);

            Files.writeString(control, "exit");
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)));
        }
    }

    private Path save(String url, String name) throws Exception {
        Http.Response r = Http.get(url);
        assertEquals(200, r.status(), url + ": " + new String(r.body(), StandardCharsets.UTF_8));
        Path file = dir.resolve(name);
        Files.write(file, r.body());
        return file;
    }

    /** The first data row of go tool pprof -top (after the "flat  flat%" header). */
    static String firstRow(String top) {
        List<String> lines = top.lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).trim().startsWith("flat")) {
                return lines.get(i + 1);
            }
        }
        throw new AssertionError("no rows in\n" + top);
    }
}
