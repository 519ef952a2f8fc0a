package dev.pprof4j.report.leaks.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live hunt's rounds from a real run (bench/leak-calibration.sh, JVM, shape "cache", seed
 * 1029): a cache bounded at about 26 MiB filled in two rounds; the class histograms then held
 * 26 MiB of {@code byte[]} in every round, while the heap sampler's estimate of the caching
 * method climbed from 7.5 to 18.2 MB and the hunt called it a leak.
 */
class ExactHeapCheckTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Stack CACHED = LeakDetectorTest.stack("shop.Catalog.cached", "shop.Catalog.handle");
    /** The sampler's estimates of the caching method, bytes, as the run's report gave them. */
    private static final long[] ESTIMATE = {7474787, 10299017, 12023968, 13173935, 14898886, 14273215, 15423182, 18247412};

    private static List<Snapshot> rounds(long[] exactMiB, boolean histogramEveryRound) {
        List<Snapshot> rounds = new ArrayList<>();
        for (int i = 0; i < ESTIMATE.length; i++) {
            Snapshot.Builder b = Snapshot.at(T0.plusSeconds(i)).liveHeap(CACHED, "byte[]", new Usage(ESTIMATE[i] / 98_304, ESTIMATE[i]));
            if (histogramEveryRound || i != 3) {
                b.heapClass("byte[]", new Usage(exactMiB[i] * 10, exactMiB[i] << 20))
                        .heapClass("java.lang.String", new Usage(1000, 24_000));
            }
            rounds.add(b.build());
        }
        return rounds;
    }

    @Test
    void aSiteWhoseClassesStayedFlatInTheHistogramsIsNoLeak() {
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(rounds(new long[] {6, 18, 26, 26, 26, 26, 26, 26}, true));
        assertTrue(report.findings().isEmpty(), "the estimate moved, not the heap: " + report.findings());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("shop.Catalog.cached's estimate grew, but the exact heap of"
                + " what it allocates (byte[], by the class histograms) did not grow")), report.notes().toString());
    }

    @Test
    void theSameEstimatesAreALeakWhereTheHistogramsGrewWithThem() {
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(rounds(new long[] {6, 9, 11, 12, 14, 15, 16, 18}, true));
        assertEquals(1, report.findings().size(), report.findings().toString());
        assertEquals(FindingKind.LIVE_HEAP, report.findings().get(0).kind());
        assertTrue(report.findings().get(0).site().contains("shop.Catalog.cached"), report.findings().toString());
    }

    @Test
    void withoutAHistogramInEveryRoundTheEstimateIsJudgedAlone() {
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(rounds(new long[] {6, 18, 26, 26, 26, 26, 26, 26}, false));
        assertEquals(1, report.findings().size(), report.findings() + " " + report.notes());
        assertEquals(FindingKind.LIVE_HEAP, report.findings().get(0).kind());
    }
}
