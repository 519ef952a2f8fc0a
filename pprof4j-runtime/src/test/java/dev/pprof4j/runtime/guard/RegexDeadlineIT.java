package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A catastrophic {@code site=} regex stops costing the host CPU at its deadline, whether or not
 * its client waits: two clients that give up after a second leave the host idle again within
 * the 2 s match deadline. Before, {@code (.*.*.*)*===} kept two agent threads at 100 % for good.
 */
class RegexDeadlineIT {
    @Test
    void aCatastrophicSitePatternStopsAtItsDeadline() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("50", "1")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=4096,history=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
            app.await(Pattern.compile("leaked 50"), Duration.ofSeconds(60));
            String url = base + "heap/retainers?site=" + URLEncoder.encode("(.*.*.*)*===", StandardCharsets.UTF_8);
            // a site no frame has: 404 where the native sampler runs (no heap walk), 501 where it does not
            Http.Response probe = Http.get(base + "heap/retainers?site=NoSuchFrameAnywhere");
            assumeTrue(probe.status() != 501 || "true".equals(System.getenv("CI")),
                    "no native heap sampler here: " + probe.text());
            long cpuBefore = cpuMillis(app.pid());
            for (int i = 0; i < 2; i++) {
                CompletableFuture.runAsync(() -> {
                    try {
                        Http.get(url, Duration.ofSeconds(1), Map.of()); // the client leaves after a second
                    } catch (RuntimeException e) {
                        // timed out: gone
                    }
                });
            }
            Thread.sleep(4_000); // the 2 s deadline, and slack for a loaded machine
            long cpuAtDeadline = cpuMillis(app.pid());
            Thread.sleep(3_000);
            long cpuAfter = cpuMillis(app.pid()) - cpuAtDeadline;
            System.out.println("RegexDeadlineIT: site=(.*.*.*)*=== from two clients that left after 1 s: "
                    + (cpuAtDeadline - cpuBefore) + " ms CPU in the first 4 s, " + cpuAfter + " ms in the 3 s after");
            // two threads stuck in the match would burn 6 000 ms in these 3 s
            assertTrue(cpuAfter < 1_500, "the host still burns CPU after the deadline: " + cpuAfter + " ms in 3 s");
            Http.Response waited = Http.get(url, Duration.ofSeconds(30), Map.of());
            assertEquals(400, waited.status(), waited.text());
            assertTrue(waited.text().contains("took longer than"), waited.text());
            assertEquals(1, waited.text().strip().lines().count(), "one line: " + waited.text());
        }
    }

    /** User and system CPU of a process so far, from /proc/PID/stat (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
