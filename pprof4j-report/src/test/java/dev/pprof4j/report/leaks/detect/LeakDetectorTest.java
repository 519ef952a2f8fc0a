package dev.pprof4j.report.leaks.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import dev.pprof4j.report.leaks.render.JsonReport;
import dev.pprof4j.report.leaks.render.TextReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeakDetectorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final LeakDetector DETECTOR = new LeakDetector(LeakCriteria.DEFAULT);

    static Stack stack(String... functions) {
        List<Frame> frames = new ArrayList<>();
        for (String f : functions) {
            frames.add(new Frame(f, f.substring(f.lastIndexOf('.', f.lastIndexOf('.') - 1) + 1, f.lastIndexOf('.'))
                    + ".java", 10 + frames.size()));
        }
        return new Stack(frames);
    }

    static final Stack CLIENT_START = stack("java.lang.Thread.start", "shop.RpcClient.<init>", "shop.OrderHandler.handle",
            "com.sun.net.httpserver.Filter$Chain.doFilter");
    static final Stack HEARTBEAT = stack("java.lang.Thread.sleep", "shop.RpcClient.heartbeat", "java.lang.Thread.run");
    static final Stack PRODUCER_START = stack("java.lang.Thread.start", "shop.Feed.subscribe", "shop.FeedHandler.handle");
    static final Stack PRODUCER_WAIT = stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.SynchronousQueue.put",
            "shop.Feed.lambda$subscribe$0", "java.lang.Thread.run");
    static final Stack POOL_START = stack("java.lang.Thread.start", "java.util.concurrent.ThreadPoolExecutor.addWorker",
            "java.util.concurrent.ThreadPoolExecutor.execute", "shop.Server.start");
    static final Stack POOL_IDLE = stack("jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.ThreadPoolExecutor.getTask", "java.lang.Thread.run");
    static final Stack CACHE_NODE = stack("java.util.concurrent.ConcurrentHashMap.putVal",
            "java.util.concurrent.ConcurrentHashMap.computeIfAbsent", "shop.PriceCache.remember", "shop.PriceHandler.handle");
    static final Stack CACHE_VALUE = stack("shop.PriceCache.lambda$remember$0",
            "java.util.concurrent.ConcurrentHashMap.computeIfAbsent", "shop.PriceCache.remember");
    static final Stack BODY = stack("java.io.InputStream.readAllBytes", "shop.RequestLogger.capture",
            "shop.RequestLogger.doFilter");
    static final Stack GARBAGE = stack("java.util.Arrays.copyOf", "java.lang.StringBuilder.append",
            "shop.Report.render", "shop.ReportHandler.handle");
    static final Stack WARMUP = stack("shop.Catalog.load", "shop.Catalog.<clinit>");

    /** A service with all four leaks plus a pool that warms up, garbage, and a one-off table. */
    static List<Snapshot> leakingService(int rounds, long seed) {
        Random random = new Random(seed);
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            int grown = i * (8 + random.nextInt(3));
            Snapshot.Builder b = Snapshot.at(T0.plusSeconds(3L * i))
                    .thread(HEARTBEAT, CLIENT_START, 5 + grown)
                    .thread(PRODUCER_WAIT, PRODUCER_START, 2 + grown / 2 + i)
                    .thread(POOL_IDLE, POOL_START, Math.min(8, 2 + 6 * i))
                    .liveHeap(CACHE_NODE, new Usage(100L * grown, (1L << 20) * grown))
                    .liveHeap(CACHE_VALUE, new Usage(100L * grown, (2L << 20) * grown))
                    .liveHeap(BODY, "byte[]", new Usage(50L * i, (3L << 20) * i + random.nextInt(1000)))
                    // After a GC, garbage is only what requests in flight still hold: under the floor.
                    .liveHeap(GARBAGE, new Usage(random.nextInt(40), random.nextInt(900 << 10)))
                    .liveHeap(WARMUP, new Usage(1, i == 0 ? 0 : 40L << 20))
                    .heapClass("byte[]", new Usage(1000L * i, (60L << 20) + (5L << 20) * i))
                    .heapClass("java.lang.String", new Usage(1000, 24_000L + random.nextInt(100)));
            out.add(b.build());
        }
        return out;
    }

    @Test
    void namesEveryLeakWithItsSiteAndFixAndNothingElse() {
        LeakReport report = DETECTOR.detect(leakingService(5, 1));
        assertTrue(report.leakFound());
        List<String> sites = report.findings().stream().map(Finding::site).toList();
        assertEquals(4, report.findings().size(), String.join("\n", sites));
        Finding client = only(report, "RpcClient.<init>");
        assertEquals(FindingKind.THREADS, client.kind());
        assertEquals(FixHint.REUSE_CLIENT, client.hint());
        assertTrue(client.site().contains("from shop.OrderHandler.handle"), client.site());
        assertEquals(HEARTBEAT, client.waitingIn());
        assertEquals(FixHint.STOP_PRODUCER, only(report, "Feed.subscribe").hint());
        Finding cache = only(report, "PriceCache.");
        assertEquals(FixHint.BOUND_CACHE, cache.hint());
        assertEquals(FindingKind.LIVE_HEAP, cache.kind());
        assertEquals(FixHint.DONT_RETAIN_BODIES, only(report, "RequestLogger.capture").hint());
        // RequestLogger.capture allocated byte[]: the class corroborates that finding instead of being a fifth leak.
        assertEquals(List.of("byte[]"), report.alsoGrew().stream().map(Finding::site).toList());
        assertTrue(report.alsoGrew().get(0).explainedBy().contains("RequestLogger.capture"),
                report.alsoGrew().get(0).explainedBy());
        assertTrue(client.trend().summary().matches("grew in 4 of 4 intervals, never fell back, trend p=0\\.0\\d+"),
                client.trend().summary());
    }

    @ParameterizedTest
    @CsvSource({"3", "4", "6", "10"})
    void garbageWarmupAndAFullPoolAreNotLeaksAtAnyRoundCount(int rounds) {
        for (long seed = 0; seed < 20; seed++) {
            LeakReport report = DETECTOR.detect(leakingService(rounds, seed));
            for (Finding f : report.findings()) {
                assertFalse(f.site().contains("Report.render") || f.site().contains("Catalog")
                        || f.site().contains("Server.start"), f.site());
            }
        }
    }

    @Test
    void idleServiceIsClean() {
        List<Snapshot> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idle.add(Snapshot.at(T0.plusSeconds(i)).thread(POOL_IDLE, POOL_START, 8)
                    .liveHeap(WARMUP, new Usage(1, 40L << 20)).heapClass("byte[]", new Usage(10, 60L << 20)).build());
        }
        LeakReport report = DETECTOR.detect(idle);
        assertFalse(report.leakFound());
        assertTrue(TextReport.render(report).contains("no leak"), TextReport.render(report));
    }

    @Test
    void largeGarbageThatComesAndGoesIsNotALeak() {
        long[] mib = {5, 1, 7, 2, 6};
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < mib.length; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).liveHeap(GARBAGE, new Usage(mib[i], mib[i] << 20)).build());
        }
        assertFalse(DETECTOR.detect(series).leakFound());
    }

    @Test
    void growthThatPausesForAnIdleGapIsStillALeak() {
        long[] counts = {10, 20, 30, 30, 40};
        IntFunction<Snapshot> at = i -> Snapshot.at(T0.plusSeconds(i)).thread(HEARTBEAT, CLIENT_START, counts[i]).build();
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            series.add(at.apply(i));
        }
        LeakReport report = DETECTOR.detect(series);
        assertTrue(report.leakFound());
        assertEquals("grew in 3 of 4 intervals, never fell back, trend p=0.02",
                report.findings().get(0).trend().summary());
        assertTrue(TextReport.render(report).contains("how sure: grew in 3 of 4 intervals"), TextReport.render(report));
    }

    @Test
    void classGrowthThatNoFindingNamesIsNotFiledUnderOne() {
        // A thread leak and, beside it, byte[] that no site the sampler saw allocated: the bytes
        // are not the threads' for growing at the same time. They are shown as unexplained,
        // not counted (an idle JVM's agent buffers grow like this).
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).thread(PRODUCER_WAIT, PRODUCER_START, 10L * i)
                    .liveHeap(GARBAGE, new Usage(1, 1000)).heapClass("byte[]", new Usage(i, (3L << 20) * i)).build());
        }
        LeakReport report = DETECTOR.detect(series);
        assertEquals(List.of(FindingKind.THREADS), report.findings().stream().map(Finding::kind).toList());
        assertTrue(report.alsoGrew().isEmpty(), report.alsoGrew().toString());
        assertEquals(List.of("byte[]"), report.unexplained().stream().map(Finding::site).toList());
        String text = TextReport.render(report);
        assertTrue(text.contains("grew, but no leak above explains it"), text);
        assertFalse(text.contains("also grew, explained"), text);
        assertTrue(JsonReport.render(report).contains("\"unexplained\":[{"), JsonReport.render(report));
    }

    @Test
    void goProducersBuffersAndGoroutinesAreExplainedByTheGoroutineLeak() {
        Frame produce = new Frame("main.produce", "main.go", 40);
        Stack waiting = new Stack(List.of(new Frame("runtime.gopark", "proc.go", 402),
                new Frame("runtime.chansend", "chan.go", 259), new Frame("runtime.chansend1", "chan.go", 145), produce));
        Stack createdBy = new Stack(List.of(new Frame("main.handle", "main.go", 60)));
        Stack buffer = new Stack(List.of(new Frame("main.produce", "main.go", 38)));
        Stack goroutines = new Stack(List.of(new Frame("runtime.malg", "proc.go", 4500),
                new Frame("runtime.newproc1", "proc.go", 4800), new Frame("runtime.newproc", "proc.go", 4750),
                new Frame("main.handle", "main.go", 60)));
        Stack cache = new Stack(List.of(new Frame("main.remember", "main.go", 80), new Frame("main.handle", "main.go", 58)));
        List<Snapshot> series = new ArrayList<>();
        long[] burst = {0, 40, 40, 80, 120, 120};
        for (int i = 0; i < burst.length; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).thread(waiting, createdBy, 3 + burst[i])
                    .liveHeap(buffer, new Usage(burst[i], (64L << 10) * burst[i]))
                    .liveHeap(goroutines, new Usage(burst[i], (32L << 10) * burst[i] + (3L << 20)))
                    .liveHeap(cache, new Usage(burst[i], (100L << 10) * burst[i])).build());
        }
        LeakReport report = DETECTOR.detect(series);
        assertEquals(List.of("main.remember (main.go:80)", "started by main.handle (main.go:60)"),
                report.findings().stream().map(Finding::site).sorted().toList());
        assertEquals(2, report.alsoGrew().size(), report.alsoGrew().toString());
        Finding buffers = report.alsoGrew().stream().filter(f -> f.site().startsWith("main.produce")).findFirst().orElseThrow();
        assertTrue(buffers.explainedBy().contains("on the leaked threads' own stack"), buffers.explainedBy());
        Finding structures = report.alsoGrew().stream().filter(f -> f.site().startsWith("main.handle")).findFirst().orElseThrow();
        assertTrue(structures.explainedBy().contains("which started the leaked threads"), structures.explainedBy());
        assertTrue(JsonReport.render(report).contains("\"explainedBy\":"), JsonReport.render(report));
    }

    @Test
    void withoutTheSamplerClassesAreTheFindingsAndChainsPickTheFix() {
        ReferenceChain chain = new ReferenceChain("byte[]", Stack.UNKNOWN,
                List.of("static shop.RequestLogger.RECENT", "java.util.ArrayDeque", "java.lang.Object[]", "byte[]"));
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).heapClass("byte[]", new Usage(i, (8L << 20) * i))
                    .chain(chain).note("live heap by site: the sampler is not loaded").build());
        }
        LeakReport report = DETECTOR.detect(series);
        Finding f = report.findings().get(0);
        assertEquals(FindingKind.HEAP_CLASS, f.kind());
        assertEquals(FixHint.DONT_RETAIN_BODIES, f.hint());
        String text = TextReport.render(report);
        assertTrue(text.contains("held by: static shop.RequestLogger.RECENT → java.util.ArrayDeque"), text);
        assertTrue(text.contains("not measured: threads, live heap by allocation site"), text);
        assertTrue(text.contains("note: live heap by site: the sampler is not loaded"), text);
    }

    @Test
    void stacksAndCreatorsReportedApartAreJoinedIntoOneFinding() {
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).thread(Stack.UNKNOWN, PRODUCER_START, 3 + 7L * i)
                    .thread(PRODUCER_WAIT, Stack.UNKNOWN, 3 + 7L * i).build());
        }
        LeakReport report = DETECTOR.detect(series);
        assertEquals(1, report.findings().size());
        assertEquals(PRODUCER_WAIT, report.findings().get(0).waitingIn());
        assertEquals(FixHint.STOP_PRODUCER, report.findings().get(0).hint());
    }

    @Test
    void threadsTooYoungForTheirCreatorAreNotASecondLeak() {
        List<Snapshot> series = new ArrayList<>();
        long[] young = {0, 0, 0, 1, 2};
        for (int i = 0; i < young.length; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).thread(HEARTBEAT, CLIENT_START, 1 + 10L * i)
                    .thread(HEARTBEAT, Stack.UNKNOWN, young[i]).build());
        }
        LeakReport report = DETECTOR.detect(series);
        assertEquals(List.of(FindingKind.THREADS), report.findings().stream().map(Finding::kind).toList());
        assertTrue(report.findings().get(0).site().contains("RpcClient.<init>"), report.findings().toString());
    }

    @Test
    void memoryThatLeakedThreadsHoldIsEvidenceNotASecondLeak() {
        Stack queue = stack("java.util.concurrent.ArrayBlockingQueue.<init>", "shop.Feed.subscribe", "shop.FeedHandler.handle");
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            series.add(Snapshot.at(T0.plusSeconds(i)).thread(PRODUCER_WAIT, PRODUCER_START, 10L * i)
                    .liveHeap(queue, new Usage(i, (3L << 20) * i)).build());
        }
        LeakReport report = DETECTOR.detect(series);
        assertEquals(1, report.findings().size(), report.findings().toString());
        assertEquals(FindingKind.THREADS, report.findings().get(0).kind());
        assertEquals(FindingKind.LIVE_HEAP, report.alsoGrew().get(0).kind());
        assertTrue(TextReport.render(report).contains("also grew, explained by the leaks above"));
    }

    @Test
    void jsonCarriesTheFindings() {
        LeakReport report = DETECTOR.detect(leakingService(5, 7));
        JsonObject json = JsonParser.parseString(JsonReport.render(report)).getAsJsonObject();
        assertTrue(json.get("leak").getAsBoolean());
        assertEquals(5, json.getAsJsonArray("snapshots").size());
        assertEquals(4, json.getAsJsonArray("findings").size());
        JsonObject first = json.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals(5, first.getAsJsonArray("values").size());
        assertFalse(first.get("fix").getAsString().isEmpty());
        assertTrue(first.has("createdBy") || first.has("allocatedAt"));
    }

    private static Finding only(LeakReport report, String fragment) {
        List<Finding> matching = report.findings().stream().filter(f -> f.site().contains(fragment)).toList();
        assertEquals(1, matching.size(), fragment + " in " + report.findings().stream().map(Finding::site).toList());
        return matching.get(0);
    }
}
