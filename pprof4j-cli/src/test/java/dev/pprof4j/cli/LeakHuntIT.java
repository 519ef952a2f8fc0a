package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pprof4j.cli.demo.DemoProcess;
import dev.pprof4j.cli.heldout.Warehouse;
import dev.pprof4j.testkit.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The leak hunt against a held-out service (written apart from the demo, with its own
 * names) in a child JVM with the real agent: its four leaks named at the right sites with
 * the right fixes, its garbage, warm-up pool and one-off table not blamed, exit 3; the same
 * service idle comes out clean with exit 0.
 */
class LeakHuntIT {
    static final Path AGENT = ChildJvm.agentJar();

    record Run(int code, String out, String err) {
    }

    /** Runs pprof4j in-process as the launcher does, capturing what it prints. */
    static Run pprof4j(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static DemoProcess warehouse(String mode) throws Exception {
        return warehouse(mode, AGENT);
    }

    static DemoProcess warehouse(String mode, Path agent) throws Exception {
        String classPath = System.getProperty("java.class.path");
        return DemoProcess.start(agent, List.of("-Xmx1g"), classPath, Warehouse.class.getName(), List.of(mode),
                Duration.ofSeconds(60));
    }

    @Test
    void namesEveryLeakAtItsSiteAndBlamesNoGarbageNorWarmup() throws Exception {
        Run run;
        try (DemoProcess child = warehouse("load")) {
            run = pprof4j("leaks", "--rounds", "5", "--interval", "2s", "--format", "json", child.agent().toString());
        }
        assertEquals(3, run.code(), run.err() + run.out());
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertTrue(report.get("leak").getAsBoolean());
        JsonArray findings = report.getAsJsonArray("findings");
        String all = findings.toString();

        JsonObject exporter = only(findings, "TelemetryExporter.<init>");
        assertEquals("threads", exporter.get("kind").getAsString());
        assertEquals("reuse_client", exporter.get("hint").getAsString());
        assertTrue(exporter.get("site").getAsString().contains("CheckoutEndpoint.process"), exporter.toString());
        assertGrewEveryRound(exporter);

        JsonObject pump = only(findings, "EventPump.pumpOnce");
        assertEquals("threads", pump.get("kind").getAsString());
        assertEquals("stop_producer", pump.get("hint").getAsString());
        assertTrue(pump.getAsJsonArray("waitingIn").toString().contains("ArrayBlockingQueue.put"), pump.toString());

        JsonObject audit = only(findings, "AuditTrail.recordPayload");
        assertEquals("live_heap", audit.get("kind").getAsString());
        assertEquals("dont_retain_bodies", audit.get("hint").getAsString());
        assertGrewEveryRound(audit);
        assertHeldBy(audit, "byte[]", "static dev.pprof4j.cli.heldout.AuditTrail.ENTRIES", "java.util.ArrayList.elementData",
                report.get("notes") + "\n" + run.err());

        JsonObject sessions = only(findings, "SessionRegistry.open");
        assertEquals("live_heap", sessions.get("kind").getAsString());
        // SessionRegistry does map.put(user, new long[...]): the allocating stack ends in open()
        // and shows no map; the reference chain (a static HashMap) is what says "bound the cache".
        assertHeldBy(sessions, "long[]", "static dev.pprof4j.cli.heldout.SessionRegistry.SESSIONS", "java.util.HashMap.table",
                report.get("notes") + "\n" + run.err());
        assertEquals("bound_cache", sessions.get("hint").getAsString(), sessions.toString());
        assertTrue(report.getAsJsonArray("measured").toString().contains("reference_chains"), report.toString());
        assertTrue(run.err().contains("asking the agent who holds"), run.err());

        for (String innocent : List.of("ThumbnailRenderer", "GeoDatabase", "Warehouse", "ThreadPoolExecutor")) {
            for (JsonElement f : findings) {
                // The named site, not who called it (a leak may well be called from Warehouse).
                String named = f.getAsJsonObject().get("site").getAsString().split(" from ")[0];
                assertFalse(named.contains(innocent), innocent + " blamed: " + f);
            }
        }
        assertEquals(4, findings.size(), "exactly the four leaks: " + sites(findings) + "\n" + all);
    }

    @Test
    void idleServiceIsCleanWithExitZero() throws Exception {
        Run run;
        try (DemoProcess child = warehouse("idle")) {
            run = pprof4j("leaks", "--rounds", "4", "--interval", "1s", child.agent().toString());
        }
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().startsWith("pprof4j leaks: no leak"), run.out());
        assertTrue(run.err().contains("snapshot 4/4"), "progress on stderr: " + run.err());
    }

    @Test
    void aPidTargetGetsTheAgentAttachedFirst() throws Exception {
        System.setProperty("pprof4j.agent.jar", AGENT.toString());
        Run run;
        try (DemoProcess child = warehouse("idle", null)) {
            run = pprof4j("leaks", "--rounds", "3", "--interval", "1s", Long.toString(child.pid()));
            assertTrue(run.err().contains("attached the agent to pid " + child.pid() + ": http://"), run.err());
        }
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().startsWith("pprof4j leaks: no leak"), run.out());
        // An idle JVM allocates next to nothing after the attach: the sampler may honestly have no samples yet.
        assertTrue(run.out().contains("measured: threads"), run.out());
    }

    @Test
    void connectionAndUsageErrorsExitTwoWithOneLine() {
        Run refused = pprof4j("leaks", "--rounds", "3", "--interval", "1s", "http://127.0.0.1:1");
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("cannot connect to 127.0.0.1:1: connection refused; is the agent running"),
                refused.err());
        assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());
        Run badInterval = pprof4j("leaks", "--interval", "5 seconds", "http://127.0.0.1:1");
        assertEquals(2, badInterval.code(), badInterval.err());
        assertTrue(badInterval.err().contains("Go's syntax"), badInterval.err());
        Run fewRounds = pprof4j("leaks", "--rounds", "2", "http://127.0.0.1:1");
        assertEquals(2, fewRounds.code(), fewRounds.err());
        assertTrue(fewRounds.err().contains("--rounds must be at least 3"), fewRounds.err());
        assertEquals(1, fewRounds.err().strip().lines().count(), "one line: " + fewRounds.err());
    }

    /**
     * The finding's chain runs from {@code root} through {@code via} to {@code target}, and holds
     * bytes; {@code context} (the report's notes and the hunt's stderr) says why when it is missing.
     */
    static void assertHeldBy(JsonObject finding, String target, String root, String via, String context) {
        assertTrue(finding.has("heldBy"), "no reference chain: " + finding + "\n" + context);
        JsonObject heldBy = finding.getAsJsonObject("heldBy");
        JsonArray path = heldBy.getAsJsonArray("path");
        assertEquals(target, heldBy.get("target").getAsString(), heldBy.toString());
        assertEquals(root, path.get(0).getAsString(), heldBy.toString());
        assertTrue(path.toString().contains("\"" + via), heldBy.toString());
        assertEquals(target, path.get(path.size() - 1).getAsString(), heldBy.toString());
        assertTrue(heldBy.get("bytes").getAsLong() > 0, heldBy.toString());
    }

    static JsonObject only(JsonArray findings, String site) {
        List<JsonObject> matching = new ArrayList<>();
        for (JsonElement f : findings) {
            if (f.getAsJsonObject().get("site").getAsString().contains(site)) {
                matching.add(f.getAsJsonObject());
            }
        }
        assertEquals(1, matching.size(), site + " in " + sites(findings));
        return matching.get(0);
    }

    static void assertGrewEveryRound(JsonObject finding) {
        JsonArray values = finding.getAsJsonArray("values");
        for (int i = 2; i < values.size(); i++) {
            assertTrue(values.get(i).getAsLong() > values.get(i - 1).getAsLong(), finding.toString());
        }
    }

    static String sites(JsonArray findings) {
        List<String> sites = new ArrayList<>();
        findings.forEach(f -> sites.add(f.getAsJsonObject().get("site").getAsString()));
        return sites.stream().collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
