package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.DelayedLeakService;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hunt on bursty traffic: {@link DelayedLeakService} leaking a thread and a 600 KB buffer
 * per request, its requests in bursts of a second with idle gaps of 2.5 s, longer than a
 * round, so some rounds see no growth at all. The live hunt names both leaks and exits 3; so
 * does {@code --since} over the agent's history taken just after a burst ended. A target that
 * answers like no agent, and {@code --rounds} with {@code --since}, exit 2 with one line.
 */
class BurstyLeakHuntIT {
    // A loaded machine stretches the class histograms of the live rounds past the default stop-the-world budget (429).
    private static final String AGENT_OPTIONS = "port=0,history=1s,historyhistograms=on,memprofilebudget=0,memprofilerate=131072,"
            + "stwbudget=30";
    private static final String[] JVM = {"-Xms64m", "-Xmx512m", "-XX:NewSize=8m", "-XX:MaxNewSize=8m",
        "-XX:MaxTenuringThreshold=1", "-XX:+UseG1GC", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=5"};
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void liveAndSinceHuntsNameBothLeaksThroughIdleGaps() throws Exception {
        try (ChildJvm service = ChildJvm.builder(DelayedLeakService.class.getName()).jvmArg(JVM)
                .agent(ChildJvm.agentJar(), AGENT_OPTIONS).args("leak", "0", "1000", "2500").start()) {
            String base = service.awaitPprofUrl(START);
            service.await(Pattern.compile("^leaking$", Pattern.MULTILINE), START);

            LeakHuntIT.Run live = LeakHuntIT.pprof4j("leaks", "--rounds", "8", "--interval", "1s", "--format", "json", base);
            assertEquals(3, live.code(), live.err() + live.out());
            assertBothLeaks(live.out());

            // Right after a burst: the window ends in silence.
            int bursts = idleLines(service);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (idleLines(service) == bursts && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(idleLines(service) > bursts, "no burst ended: " + service.output());
            LeakHuntIT.Run since = LeakHuntIT.pprof4j("leaks", "--since", "8s", "--format", "json", base);
            assertEquals(3, since.code(), since.err() + since.out());
            assertBothLeaks(since.out());
        }
    }

    private static void assertBothLeaks(String out) {
        JsonObject report = JsonParser.parseString(out).getAsJsonObject();
        JsonArray findings = report.getAsJsonArray("findings");
        JsonObject threads = LeakHuntIT.only(ofKind(findings, "threads"), "DelayedLeakService.openConnection");
        JsonObject heap = LeakHuntIT.only(ofKind(findings, "live_heap"), "DelayedLeakService.handle");
        for (JsonObject f : new JsonObject[] {threads, heap}) {
            JsonObject trend = f.getAsJsonObject("trend");
            assertFalse(trend.get("fellBack").getAsBoolean(), f.toString());
            assertTrue(trend.get("summary").getAsString().matches("grew in \\d+ of \\d+ intervals, never fell back, trend p=.*"),
                    f.toString());
        }
        System.out.println("BurstyLeakHuntIT: " + threads.getAsJsonObject("trend").get("summary").getAsString()
                + " " + threads.getAsJsonArray("values"));
    }

    private static JsonArray ofKind(JsonArray findings, String kind) {
        JsonArray out = new JsonArray();
        findings.forEach(f -> {
            if (f.getAsJsonObject().get("kind").getAsString().equals(kind)) {
                out.add(f);
            }
        });
        return out;
    }

    private static int idleLines(ChildJvm service) {
        return (int) service.output().lines().filter("idle"::equals).count();
    }

    @Test
    void aPortThatIsNoAgentAndRoundsWithSinceExitTwoWithOneLine() throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", exchange -> {
            byte[] page = "<html>orders</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        app.start();
        try {
            String target = "127.0.0.1:" + app.getAddress().getPort();
            long start = System.nanoTime();
            LeakHuntIT.Run run = LeakHuntIT.pprof4j("leaks", "--rounds", "5", "--interval", "5s", target);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(2, run.code(), run.err() + run.out());
            String line = run.err().lines().filter(l -> l.startsWith("pprof4j leaks: nothing")).findFirst().orElse(run.err());
            assertTrue(line.contains("answered like a pprof4j agent or Go's net/http/pprof"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
            assertTrue(run.out().isEmpty(), "no report: " + run.out());
            assertTrue(tookMillis < 5_000, "gave up at the first snapshot, not after the rounds: " + tookMillis + " ms");
        } finally {
            app.stop(0);
        }
        LeakHuntIT.Run both = LeakHuntIT.pprof4j("leaks", "--since", "8s", "--rounds", "3", "http://127.0.0.1:1");
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("--since judges the agent's history"), both.err());
        assertEquals(1, both.err().strip().lines().count(), "one line: " + both.err());
    }
}
