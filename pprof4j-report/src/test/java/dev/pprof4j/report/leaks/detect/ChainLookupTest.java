package dev.pprof4j.report.leaks.detect;

import static dev.pprof4j.report.leaks.detect.LeakDetectorTest.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.RetainerSource;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import dev.pprof4j.report.leaks.parse.RetainersParser;
import dev.pprof4j.report.leaks.render.JsonReport;
import dev.pprof4j.report.leaks.render.TextReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who holds it: which chains the hunt asks for, and which one it credits to a finding. */
class ChainLookupTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Stack SESSION = stack("shop.SessionRegistry.open", "shop.LoginHandler.handle");
    private static final Stack UPLOAD = stack("java.io.InputStream.readAllBytes", "shop.AuditLog.capture",
            "shop.UploadHandler.handle");

    /** The agent's answer for byte[] and long[] as heap/retainers prints it. */
    private static final String BYTES = """
            retainers of byte[] (walked 203314 objects: 36458 objects of the class, 4 chain shapes)
                 objects          bytes  chain from a GC root
                    2800      367001600  ... -> java.util.concurrent.ConcurrentLinkedQueue$Node.next -> java.util.concurrent.ConcurrentLinkedQueue$Node.item -> byte[]
                    6231         368848  stack local -> jdk.jfr.internal.consumer.RecordingInput.currentBlock -> byte[]
                       1         131088  static shop.AuditLog.BODIES -> java.util.concurrent.ConcurrentLinkedQueue.head -> java.util.concurrent.ConcurrentLinkedQueue$Node.item -> byte[]
                       1         131088  static shop.AuditLog.BODIES -> java.util.concurrent.ConcurrentLinkedQueue.head -> java.util.concurrent.ConcurrentLinkedQueue$Node.next -> java.util.concurrent.ConcurrentLinkedQueue$Node.item -> byte[]
            """;
    private static final String LONGS = """
            retainers of long[] (walked 1000 objects, partial: max objects reached: 900 objects of the class, 2 chain shapes)
                 objects          bytes  chain from a GC root
                     800       10000000  static shop.SessionRegistry.SESSIONS -> java.util.HashMap.table -> java.util.HashMap$Node[][] -> java.util.HashMap$Node.value -> long[]
                     100        1250000  static shop.SessionRegistry.SESSIONS -> java.util.HashMap.table -> java.util.HashMap$Node[][] -> java.util.HashMap$Node.next -> java.util.HashMap$Node.value -> long[]
            """;

    /** Two heap leaks and a leaked thread over five rounds; the sites name their classes. */
    static List<Snapshot> rounds() {
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(Snapshot.at(T0.plusSeconds(i))
                    .liveHeap(SESSION, "long[]", new Usage(100L * i, (4L << 20) * i))
                    .liveHeap(UPLOAD, "byte[]", new Usage(50L * i, (6L << 20) * i))
                    .thread(LeakDetectorTest.HEARTBEAT, LeakDetectorTest.CLIENT_START, 5 + 9L * i)
                    .build());
        }
        return out;
    }

    record Asked(List<String> classes) implements RetainerSource {
        @Override
        public Retainers retainers(String className, Duration timeout) throws IOException {
            classes.add(className);
            return switch (className) {
                case "byte[]" -> RetainersParser.parse(className, BYTES);
                case "long[]" -> RetainersParser.parse(className, LONGS);
                default -> throw new IOException("/debug/pprof/heap/retainers answered 501 (heap walk unavailable)");
            };
        }
    }

    @Test
    void parsesTheAgentsText() {
        RetainerSource.Retainers longs = RetainersParser.parse("long[]", LONGS);
        assertTrue(longs.partial());
        assertEquals(2, longs.paths().size());
        ReferenceChain first = longs.paths().get(0);
        assertEquals(List.of("static shop.SessionRegistry.SESSIONS", "java.util.HashMap.table", "java.util.HashMap$Node[][]",
                "java.util.HashMap$Node.value", "long[]"), first.path());
        assertEquals(800, first.objects());
        assertEquals(10_000_000, first.bytes());
        RetainerSource.Retainers bytes = RetainersParser.parse("byte[]", BYTES);
        assertFalse(bytes.partial());
        assertEquals("...", bytes.paths().get(0).path().get(0));
    }

    @Test
    void creditsEachSiteTheChainThroughItsOwnClassAndPicksTheFixFromIt() {
        List<Snapshot> rounds = rounds();
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        LeakReport before = detector.detect(rounds);
        Asked asked = new Asked(new ArrayList<>());
        List<String> progress = new ArrayList<>();
        LeakReport after = detector.detect(new ChainLookup(asked).withChains(rounds, before, progress::add));

        // One walk per class, the threads not asked about; the larger growth first.
        assertEquals(List.of("byte[]", "long[]"), asked.classes());
        // The sites were offered first (this source can't answer by site), then their classes.
        assertEquals(List.of("what shop.AuditLog.capture allocated", "byte[]", "what shop.SessionRegistry.open allocated",
                "long[]"), progress);
        assertTrue(after.measured().contains(Measure.REFERENCE_CHAINS));

        Finding sessions = site(after, "SessionRegistry.open");
        ReferenceChain held = sessions.heldBy().orElseThrow();
        assertEquals("static shop.SessionRegistry.SESSIONS", held.path().get(0));
        // Both shapes (a bucket's first node, and one behind it) end in the same links: one holder.
        assertEquals(900, held.objects());
        // Nothing in open()'s stack names a map: the chain does.
        assertEquals(FixHint.RELEASE, site(before, "SessionRegistry.open").hint());
        assertEquals(FixHint.BOUND_CACHE, sessions.hint());

        Finding uploads = site(after, "AuditLog.capture");
        ReferenceChain bodies = uploads.heldBy().orElseThrow();
        // Not the JFR buffer (larger than one path through AuditLog) nor the list's 2nd node: the
        // shortest path from the static field, with the list's deeper nodes counted in.
        assertEquals("static shop.AuditLog.BODIES", bodies.path().get(0));
        assertEquals(4, bodies.path().size());
        assertEquals(2802, bodies.objects());
        assertEquals(FixHint.DONT_RETAIN_BODIES, uploads.hint());
        assertTrue(after.notes().stream().anyMatch(n -> n.contains("stopped at its object bound")), after.notes().toString());
        assertTrue(TextReport.render(after).contains("held by: static shop.SessionRegistry.SESSIONS → java.util.HashMap.table"));
        assertTrue(JsonReport.render(after).contains("\"heldBy\":{\"target\":\"long[]\",\"objects\":900"),
                JsonReport.render(after));
    }

    @Test
    void aChainThatNeitherPassesThroughTheSiteNorHoldsHalfOfItIsNotCredited() {
        String unrelated = """
                retainers of long[] (walked 5000 objects: 20 objects of the class, 1 chain shapes)
                     objects          bytes  chain from a GC root
                          20         163840  static java.util.zip.ZipFile$Source.files -> java.util.HashMap.table -> long[]
                """;
        RetainerSource source = (className, timeout) -> RetainersParser.parse(className, unrelated);
        List<Snapshot> rounds = rounds();
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        LeakReport before = detector.detect(rounds);
        LeakReport after = detector.detect(new ChainLookup(source).withChains(rounds, before, c -> { }));
        assertTrue(site(after, "SessionRegistry.open").heldBy().isEmpty());
        assertTrue(after.notes().stream().anyMatch(n -> n.contains("no chain of long[] passes through")), after.notes().toString());
    }

    @Test
    void anAgentWithoutTheHeapWalkLeavesANoteAndTheFindingsStand() {
        RetainerSource none = (className, timeout) -> {
            throw new IOException("/debug/pprof/heap/retainers answered 501 (heap walk unavailable: no libpprof4j)");
        };
        List<Snapshot> rounds = rounds();
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        LeakReport before = detector.detect(rounds);
        LeakReport after = detector.detect(new ChainLookup(none).withChains(rounds, before, c -> { }));
        assertEquals(before.findings().size(), after.findings().size());
        assertFalse(after.measured().contains(Measure.REFERENCE_CHAINS));
        assertTrue(after.notes().contains("reference chains: /debug/pprof/heap/retainers answered 501 (heap walk"
                + " unavailable: no libpprof4j)"), after.notes().toString());
    }

    @Test
    void asksAboutAtMostTheTopClasses() {
        Asked asked = new Asked(new ArrayList<>());
        List<Snapshot> rounds = rounds();
        LeakReport before = new LeakDetector(LeakCriteria.DEFAULT).detect(rounds);
        new ChainLookup(asked, 1, Duration.ofSeconds(10)).withChains(rounds, before, c -> { });
        assertEquals(List.of("byte[]"), asked.classes());
    }

    @Test
    void asksBySiteFirstAndTakesTheSitesOwnChains() {
        String bySite = """
                retainers of objects allocated at a frame matching \\Qshop.SessionRegistry.open(\\E (walked 900 objects: 40 samples, 2 chain shapes)
                     samples     est. bytes  chain from a GC root
                          30        3932160  ... -> java.util.HashMap$Node.next -> java.util.HashMap$Node.value -> long[]
                          10        1310720  static shop.SessionRegistry.SESSIONS -> java.util.HashMap.table -> java.util.HashMap$Node[][] -> java.util.HashMap$Node.value -> long[]
                """;
        List<String> asked = new ArrayList<>();
        RetainerSource source = new RetainerSource() {
            @Override
            public Retainers retainers(String className, Duration timeout) throws IOException {
                asked.add("class " + className);
                return RetainersParser.parse(className, BYTES);
            }

            @Override
            public Retainers retainersOfSite(String siteRegex, String className, Duration timeout) throws IOException {
                asked.add("site " + siteRegex);
                if (siteRegex.contains("SessionRegistry")) {
                    RetainerSource.Retainers r = RetainersParser.parse(className, bySite);
                    return new RetainerSource.Retainers(className, r.partial(), r.paths().stream()
                            .map(p -> new ReferenceChain(p.target(), p.allocatedAt(), p.path(), 0, p.bytes(), true)).toList());
                }
                throw new IOException("/debug/pprof/heap/retainers answered 404 (no live sampled object)");
            }
        };
        List<Snapshot> rounds = rounds();
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        LeakReport after = detector.detect(new ChainLookup(source).withChains(rounds, detector.detect(rounds), c -> { }));
        // The upload site had no sample to walk to: its class was asked about instead.
        assertEquals(List.of("site \\Qshop.AuditLog.capture(\\E", "class byte[]", "site \\Qshop.SessionRegistry.open(\\E"),
                asked);
        ReferenceChain held = site(after, "SessionRegistry.open").heldBy().orElseThrow();
        assertEquals("static shop.SessionRegistry.SESSIONS", held.path().get(0));
        // Estimated bytes (the deeper nodes' samples counted with the root's path), and objects
        // from them at the site's mean size: 400 objects in 16 MiB now, so 5 MiB is 125 of them.
        assertEquals(3932160 + 1310720, held.bytes());
        assertEquals(125, held.objects());
        assertTrue(held.estimated());
        assertTrue(JsonReport.render(after).contains("\"objects\":125,\"bytes\":5242880,\"estimated\":true"),
                JsonReport.render(after));
        assertEquals(FixHint.BOUND_CACHE, site(after, "SessionRegistry.open").hint());
        assertEquals("static shop.AuditLog.BODIES", site(after, "AuditLog.capture").heldBy().orElseThrow().path().get(0));
        assertTrue(TextReport.render(after).contains("(about 125 long[] objects, 5.00MB held this way now, estimated from the heap sampler's samples)"),
                TextReport.render(after));
    }

    static Finding site(LeakReport report, String function) {
        return report.findings().stream().filter(f -> f.site().contains(function)).findFirst()
                .orElseThrow(() -> new AssertionError(function + " not in " + report.findings()));
    }
}
