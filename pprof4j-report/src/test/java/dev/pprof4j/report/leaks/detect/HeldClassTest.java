package dev.pprof4j.report.leaks.detect;

import static dev.pprof4j.report.leaks.detect.LeakDetectorTest.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import dev.pprof4j.report.leaks.render.TextReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under a busy service's CPU budget the heap sampler's interval rises, and a leaking site may
 * get a sample or two a round: its own series proves nothing. The exact class histogram and
 * the retainer walk then are the evidence, and growth is "explained by" a finding only when
 * that finding accounts for it.
 */
class HeldClassTest {
    private static final long MIB = 1L << 20;
    private static final Stack UPLOAD = stack("shop.UploadController.upload",
            "org.springframework.web.servlet.DispatcherServlet.doDispatch",
            "org.springframework.web.filter.OncePerRequestFilter.doFilter");
    private static final Stack THUMBNAIL = stack("shop.Thumbnails.render", "shop.ImageController.get");
    private static final ReferenceChain RETAINED = new ReferenceChain("byte[]", Stack.UNKNOWN,
            List.of("static shop.UploadController.RETAINED", "java.util.ArrayList.elementData", "java.lang.Object[]", "byte[]"),
            300, 19 * MIB);

    /** byte[] grows 5 MiB a round (counted exactly); the sampler sees the upload site at a 2.4 MB interval. */
    static List<Snapshot> rounds(boolean chain) {
        long[] sampled = {0, 2_400_000, 2_400_000, 4_800_000, 4_800_000};
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < sampled.length; i++) {
            Snapshot.Builder b = Snapshot.at(Instant.EPOCH.plusSeconds(4L * i)).heapSamplingPeriod(2_400_000)
                    .heapClass("byte[]", new Usage(1000 + 80L * i, 10 * MIB + 5 * MIB * i))
                    .liveHeap(THUMBNAIL, "byte[]", new Usage(10, 200_000));
            if (sampled[i] > 0) {
                b.liveHeap(UPLOAD, "byte[]", new Usage(sampled[i] / 65_552, sampled[i]));
            }
            if (chain && i == sampled.length - 1) {
                b.chain(RETAINED);
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void aClassHeldByTheApplicationIsAFindingWithTheSiteThatAllocatedIt() {
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        // Without a chain: counted growth that no sampled site accounts for is shown apart.
        LeakReport before = detector.detect(rounds(false));
        assertEquals(List.of(), before.findings());
        assertEquals(List.of("byte[]"), before.unexplained().stream().map(Finding::site).toList());
        assertEquals(List.of("byte[]"), List.copyOf(new ChainLookup(null).classesToAsk(rounds(false), before).keySet()));

        LeakReport after = detector.detect(rounds(true));
        assertEquals(1, after.findings().size(), TextReport.render(after));
        Finding held = after.findings().get(0);
        assertEquals(FindingKind.HEAP_CLASS, held.kind());
        assertEquals("byte[]", held.site());
        // The site whose class the chain passes through, not the thumbnail renderer's byte[].
        assertEquals(UPLOAD, held.stack());
        assertEquals(FixHint.STATIC_COLLECTION, held.hint());
        String text = TextReport.render(after);
        assertTrue(text.contains("shop.UploadController.upload"), text);
        assertTrue(text.contains("held by: static shop.UploadController.RETAINED"), text);
    }

    @Test
    void aChainThroughTheJdkAloneIsNoEvidence() {
        ReferenceChain jdk = new ReferenceChain("byte[]", Stack.UNKNOWN,
                List.of("system class", "java.lang.ClassLoader.classes", "java.util.ArrayList.elementData", "byte[]"), 300, 19 * MIB);
        assertTrue(!ChainLookup.heldByApplication(java.util.Optional.of(jdk)));
        assertTrue(ChainLookup.heldByApplication(java.util.Optional.of(RETAINED)));
    }

    @Test
    void aSiteThatGrewFarLessThanTheClassDoesNotExplainIt() {
        // A real 6 MiB leak at the thumbnail site beside 20 MiB of byte[] growth nobody accounts for.
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            series.add(Snapshot.at(Instant.EPOCH.plusSeconds(i)).heapSamplingPeriod(64 << 10)
                    .heapClass("byte[]", new Usage(1000 + 80L * i, 10 * MIB + 5 * MIB * i))
                    .liveHeap(THUMBNAIL, "byte[]", new Usage(10L * i, 1536L * 1024 * i)).build());
        }
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(series);
        assertEquals(List.of(FindingKind.LIVE_HEAP), report.findings().stream().map(Finding::kind).toList(),
                TextReport.render(report));
        assertEquals(List.of(), report.alsoGrew(), TextReport.render(report));
        assertEquals(List.of("byte[]"), report.unexplained().stream().map(Finding::site).toList());
    }

    @Test
    void aChainThroughASiblingControllerIsNotTheThreadLeaks() {
        // Issue 22's report: byte[] held by one controller of a service was filed under the
        // thread leak of its sibling, since both are nested in the same application class.
        Stack remind = stack("java.util.concurrent.ThreadPoolExecutor.addWorker", "shop.Shop$ReminderController.remind");
        ReferenceChain uploads = new ReferenceChain("byte[]", Stack.UNKNOWN, List.of("static shop.Shop$UploadController.RETAINED",
                "java.util.ArrayList.elementData", "java.lang.Object[]", "byte[]"), 300, 19 * MIB);
        List<Snapshot> series = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Snapshot.Builder b = Snapshot.at(Instant.EPOCH.plusSeconds(i)).heapSamplingPeriod(2_400_000)
                    .heapClass("byte[]", new Usage(1000 + 80L * i, 10 * MIB + 5 * MIB * i))
                    .liveHeap(THUMBNAIL, "byte[]", new Usage(10, 200_000))
                    .thread(stack("jdk.internal.misc.Unsafe.park"), remind, 20L * i);
            if (i == 4) {
                b.chain(uploads);
            }
            series.add(b.build());
        }
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(series);
        assertEquals(List.of(), report.alsoGrew(), TextReport.render(report));
        assertEquals(List.of(FindingKind.THREADS, FindingKind.HEAP_CLASS),
                report.findings().stream().map(Finding::kind).sorted().toList(), TextReport.render(report));
    }
}
