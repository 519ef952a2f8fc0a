package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pprof4j demo --keep}, the real jar in its own JVM: after the report the service
 * stays up and its agent answers at the URL printed, and a kill (what Ctrl-C does) stops the
 * child JVM with it. About 20 s.
 */
class DemoKeepIT {
    private static final Pattern STAYS_UP = Pattern.compile(
            "pprof4j demo: the service stays up under load to explore; agent (http://\\S+)/debug/pprof/, service \\S+ \\(pid (\\d+)\\)");

    @Test
    void theServiceStaysUpUntilTheDemoIsStopped(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process demo = new ProcessBuilder(CliJar.command(List.of("-Dpprof4j.agent.jar=" + LeakHuntIT.AGENT),
                "demo", "--keep", "--rounds", "3", "--interval", "1s"))
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            Matcher up = await(err, STAYS_UP, Duration.ofSeconds(120), demo);
            String agent = up.group(1);
            ProcessHandle child = ProcessHandle.of(Long.parseLong(up.group(2))).orElseThrow();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(stderr.contains("stop it with Ctrl-C (or kill " + demo.pid() + ")"), stderr);
            assertTrue(stderr.contains("pprof4j -http=:0 " + agent + "/debug/pprof/heap"), stderr);
            assertTrue(Files.readString(out, StandardCharsets.UTF_8).startsWith("pprof4j leaks: "),
                    "the report comes first: " + Files.readString(out, StandardCharsets.UTF_8));
            // Still there a while after the report.
            Thread.sleep(1000);
            assertTrue(demo.isAlive(), "the demo ended: " + Files.readString(err, StandardCharsets.UTF_8));
            assertEquals(200, status(agent + "/debug/pprof/goroutine?debug=1"));

            demo.destroy(); // SIGTERM: the shutdown hook runs, as at Ctrl-C
            assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "the demo did not stop");
            assertTrue(child.onExit().toCompletableFuture().get(30, TimeUnit.SECONDS) != null);
            assertFalse(child.isAlive(), "the child JVM outlived the demo");
            assertTrue(Files.readString(err, StandardCharsets.UTF_8).contains("pprof4j demo: stopping the demo service"));
        } finally {
            demo.destroyForcibly();
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Matcher await(Path file, Pattern pattern, Duration timeout, Process process) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + pattern + " in:\n" + Files.readString(file, StandardCharsets.UTF_8));
    }
}
