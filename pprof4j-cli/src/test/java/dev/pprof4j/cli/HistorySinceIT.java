package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.DelayedLeakService;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's history against a service that behaves at first and starts leaking threads and
 * heap a while later ({@link DelayedLeakService}, {@code history=1s}): nobody took a profile
 * before the leak, yet {@code heap?since=5s} and {@code goroutine?since=5s}, read by the real
 * {@code go tool pprof}, name the leaking sites, and {@code pprof4j leaks --since 8s} exits 3
 * naming them at once, and 0 on the same service when it does not leak. Both services run
 * side by side to keep the test short.
 *
 * <p>The services' JVMs get a small young generation and an early concurrent cycle so that
 * collections of the old generation happen within seconds, as they do over minutes in a
 * service: the history judges heap growth only across one (see HistorySnapshots).
 */
class HistorySinceIT {
    private static final String AGENT_OPTIONS = "port=0,history=1s,historyhistograms=on,memprofilebudget=0,memprofilerate=131072";
    private static final String[] JVM = {"-Xms64m", "-Xmx256m", "-XX:NewSize=8m", "-XX:MaxNewSize=8m",
        "-XX:MaxTenuringThreshold=1", "-XX:+UseG1GC", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=5"};
    private static final Duration START = Duration.ofSeconds(90);
    /** The leak must have run this long before it is judged: the 8s window and a margin. */
    private static final long LEAKING_MILLIS = 10_000;

    private static ChildJvm leaking;
    private static ChildJvm steady;
    private static String leakingBase;
    private static String steadyBase;
    private static long leakingSince;
    private static long steadySince;

    @BeforeAll
    static void startBoth() {
        Path agent = ChildJvm.agentJar();
        leaking = ChildJvm.builder(DelayedLeakService.class.getName()).jvmArg(JVM).agent(agent, AGENT_OPTIONS)
                .args("leak", "3000").start();
        steady = ChildJvm.builder(DelayedLeakService.class.getName()).jvmArg(JVM).agent(agent, AGENT_OPTIONS)
                .args("steady", "3000").start();
        leakingBase = leaking.awaitPprofUrl(START);
        steadyBase = steady.awaitPprofUrl(START);
        leaking.await(Pattern.compile("^leaking$", Pattern.MULTILINE), START);
        leakingSince = System.currentTimeMillis();
        steady.await(Pattern.compile("^steady$", Pattern.MULTILINE), START);
        steadySince = System.currentTimeMillis();
    }

    @AfterAll
    static void stopBoth() {
        if (leaking != null) {
            leaking.close();
        }
        if (steady != null) {
            steady.close();
        }
    }

    @Test
    void sinceDeltasNameTheLeakingSitesInGoToolPprof(@TempDir Path dir) throws Exception {
        awaitJudgeable(leakingBase, leakingSince, false);
        byte[] heapSince = get(leakingBase + "/debug/pprof/heap?since=5s");
        byte[] heapNow = get(leakingBase + "/debug/pprof/heap");
        Path heapFile = Files.write(dir.resolve("heap-since.pb.gz"), heapSince);
        String heapTop = GoPprof.run("-top", "-sample_index=inuse_space", heapFile.toString());
        assertTrue(heapTop.contains("DelayedLeakService.handle"), heapTop);
        assertTrue(heapTop.contains("since=5s: now minus the pprof4j history snapshot"), heapTop);
        // A delta, not the whole heap: the leak's bytes of the last five seconds only.
        long grew = inuse(heapSince, "DelayedLeakService.handle");
        long all = inuse(heapNow, "DelayedLeakService.handle");
        assertTrue(grew > 4L * DelayedLeakService.BUFFER && grew < all, "since=5s " + grew + " vs now " + all);

        Path goroutineFile = Files.write(dir.resolve("goroutine-since.pb.gz"),
                get(leakingBase + "/debug/pprof/goroutine?since=5s"));
        String goroutineTop = GoPprof.run("-top", "-cum", goroutineFile.toString());
        assertTrue(goroutineTop.contains("DelayedLeakService.awaitClose"), goroutineTop);
        assertTrue(count(goroutineFile, "DelayedLeakService.awaitClose") >= 5, goroutineTop);

        Path createFile = Files.write(dir.resolve("threadcreate-since.pb.gz"),
                get(leakingBase + "/debug/pprof/threadcreate?since=5s"));
        String createTop = GoPprof.run("-top", "-cum", createFile.toString());
        assertTrue(createTop.contains("DelayedLeakService.openConnection"), createTop);

        Http.Response tooFar = Http.get(leakingBase + "/debug/pprof/goroutine?since=1h");
        assertEquals(400, tooFar.status(), tooFar.text());
        assertTrue(tooFar.text().matches("(?s)since=1h0m0s is more than the history holds: \\d+ snapshots over the last"
                + " .* one every 1s \\(at most 60\\); ask for since=[0-9hms]+ or less\n"), tooFar.text());
        Http.Response noUnit = Http.get(leakingBase + "/debug/pprof/heap?since=5");
        assertEquals(400, noUnit.status(), noUnit.text());
        assertTrue(noUnit.text().contains("missing unit"), noUnit.text());
        Http.Response notServed = Http.get(leakingBase + "/debug/pprof/mutex?since=5s");
        assertEquals(400, notServed.status(), notServed.text());

        // The web UI's view of the same agent: its series, and a point's since= view.
        AgentHistoryUrl ui = AgentHistoryUrl.of(java.util.List.of(leakingBase + "/debug/pprof/heap"), java.util.List.of(),
                new Sources(Sources.DEFAULT_MAX_BYTES, 0, 0, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
        java.util.List<dev.pprof4j.report.web.AgentHistory.Point> uiPoints = ui.points();
        assertTrue(uiPoints.size() >= 6, uiPoints.toString());
        assertTrue(uiPoints.get(uiPoints.size() - 1).platform() > 10, uiPoints.toString());
        Profile uiSince = ui.since("5s").profile();
        assertTrue(uiSince.comments.stream().anyMatch(c -> c.startsWith("since=5s")), uiSince.comments.toString());

        JsonObject history = vars(leakingBase);
        assertEquals("1s", history.get("Interval").getAsString());
        assertTrue(history.get("Bytes").getAsLong() > 0, history.toString());
        JsonArray points = history.getAsJsonArray("Snapshots");
        assertEquals(history.get("Held").getAsInt(), points.size());
        JsonObject last = points.get(points.size() - 1).getAsJsonObject();
        assertTrue(last.get("HeapAlloc").getAsLong() > 0 && last.get("Platform").getAsInt() > 10
                && last.has("NumGC") && last.has("Time"), last.toString());
    }

    @Test
    void leaksSinceExitsThreeOnTheLeakAndZeroOnTheSteadyService() throws Exception {
        awaitJudgeable(leakingBase, leakingSince, true);
        long start = System.nanoTime();
        CliRun leak = CliRun.of("leaks", "--since", "8s", "--format", "json", leakingBase);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, leak.exitCode(), leak.stderr() + leak.stdout());
        // No rounds to wait for: a live hunt over the same window would sleep 8 s between its
        // first and last snapshot. (A loose bound: on a starved machine the JVMs crawl.)
        assertTrue(tookMillis < 60_000, "took " + tookMillis + " ms");
        System.out.println("HistorySinceIT: leaks --since 8s took " + tookMillis + " ms");
        JsonObject report = JsonParser.parseString(leak.stdout()).getAsJsonObject();
        JsonObject threads = finding(report, "threads", "DelayedLeakService.openConnection");
        assertTrue(threads.toString().contains("DelayedLeakService.awaitClose"), threads.toString());
        finding(report, "live_heap", "DelayedLeakService.handle");

        awaitJudgeable(steadyBase, steadySince, true);
        CliRun clean = CliRun.of("leaks", "--since", "8s", steadyBase);
        assertEquals(0, clean.exitCode(), clean.stderr() + clean.stdout());
        assertTrue(clean.stdout().contains("no leak"), clean.stdout());
        assertTrue(clean.stdout().contains("measured: threads, live heap by allocation site"), clean.stdout());

        CliRun tooFar = CliRun.of("leaks", "--since", "2h", steadyBase);
        assertEquals(2, tooFar.exitCode(), tooFar.stderr());
        assertTrue(tooFar.stderr().contains("more than the history holds"), tooFar.stderr());
    }

    /**
     * Waits until the service has run its course for the window: leaking (or steady) for
     * {@link #LEAKING_MILLIS}, with at least six snapshots in the last eight seconds and, when
     * heap is to be judged, a collection of the old generation among them. A loaded machine
     * skips ticks; the wait absorbs that instead of judging a thin window.
     */
    private static void awaitJudgeable(String base, long since, boolean needOldCollection) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() - since >= LEAKING_MILLIS) {
                JsonArray points = vars(base).getAsJsonArray("Snapshots");
                int inWindow = 0;
                long oldest = -1;
                long newest = -1;
                for (JsonElement p : points) {
                    JsonObject point = p.getAsJsonObject();
                    if (point.get("AgeMs").getAsLong() <= 8_000) {
                        inWindow++;
                        long old = point.get("OldCollections").getAsLong();
                        oldest = oldest < 0 ? old : oldest;
                        newest = old;
                    }
                }
                boolean oldCollected = newest > oldest;
                if (inWindow >= 6 && (oldCollected || !needOldCollection)) {
                    return;
                }
                last = points.toString();
            }
            Thread.sleep(500);
        }
        fail("the history of " + base + " never held a judgeable window: " + last);
    }

    private static JsonObject vars(String base) {
        Http.Response response = Http.get(base + "/debug/vars");
        assertEquals(200, response.status(), response.text());
        return JsonParser.parseString(response.text()).getAsJsonObject().getAsJsonObject("history");
    }

    private static byte[] get(String url) {
        Http.Response response = Http.get(url);
        assertEquals(200, response.status(), url + ": " + response.text());
        return response.body();
    }

    private static JsonObject finding(JsonObject report, String kind, String site) {
        for (JsonElement f : report.getAsJsonArray("findings")) {
            JsonObject finding = f.getAsJsonObject();
            if (finding.get("kind").getAsString().equals(kind) && finding.toString().contains(site)) {
                return finding;
            }
        }
        throw new AssertionError("no " + kind + " finding naming " + site + " in " + report);
    }

    private static long inuse(byte[] gz, String function) throws Exception {
        Profile profile = new ProfileDecoder().decode(gz);
        int index = profile.sampleIndexOf("inuse_space");
        long sum = 0;
        for (Sample s : profile.samples) {
            if (mentions(s, function)) {
                sum += s.values[index];
            }
        }
        return sum;
    }

    private static long count(Path file, String function) throws Exception {
        Profile profile = new ProfileDecoder().decode(Files.readAllBytes(file));
        long sum = 0;
        for (Sample s : profile.samples) {
            if (mentions(s, function)) {
                sum += s.values[0];
            }
        }
        return sum;
    }

    private static boolean mentions(Sample sample, String function) {
        for (Location location : sample.locations) {
            for (Line line : location.lines) {
                if (line.function().name.endsWith(function)) {
                    return true;
                }
            }
        }
        return false;
    }
}
