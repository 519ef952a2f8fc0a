package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A catastrophic {@code site=} regex stops costing the host CPU when its client leaves, and at
 * its 2 s deadline when the client waits: two clients that give up after 0.3 s leave the
 * agent's threads idle long before the deadline. Before, {@code (.*.*.*)*===} kept two agent
 * threads at 100 % for good; then, until the deadline.
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
            String path = url.substring(url.indexOf("/debug/pprof/"));
            java.util.List<java.net.Socket> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                clients.add(RawHttp.send(base, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1"));
            }
            long sent = System.nanoTime();
            Thread.sleep(300);
            for (java.net.Socket client : clients) {
                client.close(); // the clients leave long before the 2 s deadline
            }
            sleepUntil(sent, 900);
            long cpuBefore = serverThreadsCpuMillis(app.pid());
            sleepUntil(sent, 1_800);
            long cpuAfterLeaving = serverThreadsCpuMillis(app.pid()) - cpuBefore;
            System.out.println("RegexDeadlineIT: site=(.*.*.*)*=== from two clients that left after 0.3 s: the agent's"
                    + " request threads used " + cpuAfterLeaving + " ms CPU from 0.9 to 1.8 s, before the 2 s deadline");
            // two threads still matching would burn up to 1 800 ms in these 0.9 s
            assertTrue(cpuAfterLeaving <= 60, "the match went on after its clients left: " + cpuAfterLeaving
                    + " ms of CPU in 0.9 s");
            Http.Response waited = Http.get(url, Duration.ofSeconds(30), Map.of());
            assertEquals(400, waited.status(), waited.text());
            assertTrue(waited.text().contains("took longer than"), waited.text());
            assertEquals(1, waited.text().strip().lines().count(), "one line: " + waited.text());
        }
    }

    private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - startNanos) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    /**
     * User and system CPU so far of the agent's request threads ({@code pprof4j-http-N}), from
     * /proc/PID/task/TID/stat (clock ticks of 10 ms): the application's own threads do not count.
     */
    private static long serverThreadsCpuMillis(long pid) throws IOException {
        long ticks = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("pprof4j-http-") && !name.contains("watch")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks * 10;
    }
}
