package dev.pprof4j.report.leaks.detect;

import static dev.pprof4j.report.leaks.detect.LeakDetectorTest.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A site that keeps allocating while what it holds barely moves replaces what it holds (a
 * cache at its bound); a site that keeps what it allocates leaks. The heap profile's
 * allocation counts tell them apart where the in-use estimates alone look the same.
 */
class ReplacedHeapTest {
    private static final long MIB = 1L << 20;
    private static final Stack CACHE = stack("shop.Thumbnails.render", "shop.ImageHandler.handle");
    private static final Stack LEAK = stack("shop.Uploads.keep", "shop.UploadHandler.handle");

    /** In use in MiB, and what the site allocated in each interval. */
    static List<Snapshot> series(Stack site, double[] inUseMib, double madeEachMib, boolean counted) {
        List<Snapshot> out = new ArrayList<>();
        long made = 0;
        for (int i = 0; i < inUseMib.length; i++) {
            Snapshot.Builder b = Snapshot.at(Instant.EPOCH.plusSeconds(i)).heapSamplingPeriod(512 << 10)
                    .liveHeap(site, "byte[]", new Usage(i + 1, (long) (inUseMib[i] * MIB)));
            made += i == 0 ? (long) (inUseMib[0] * MIB) : (long) (madeEachMib * MIB);
            if (counted) {
                b.allocated(site, made);
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void aCacheReplacingWhatItHoldsIsNoLeakWhereItsEstimateWandersUp() {
        // A 20 MiB cache replacing 8 MiB a round; the sampler's estimate drifts up by 2-2.5 MiB a round.
        double[] wandering = {10, 20, 22, 24.5, 27};
        LeakDetector detector = new LeakDetector(LeakCriteria.DEFAULT);
        assertEquals(List.of(), detector.detect(series(CACHE, wandering, 8, true)).findings());
        // Without the allocation counts (the agent's history) the same estimates read as a leak.
        assertEquals(1, detector.detect(series(CACHE, wandering, 8, false)).findings().size());
    }

    @Test
    void aSiteThatKeepsWhatItAllocatesStillLeaks() {
        // 5 MiB kept a round out of 6.25 MiB allocated (a quarter of it the request's garbage).
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(series(LEAK, new double[] {0, 5, 10, 15, 20}, 6.25, true));
        assertEquals(1, report.findings().size());
        assertEquals(FindingKind.LIVE_HEAP, report.findings().get(0).kind());
    }

    @Test
    void replacedCountsOnlyWhatWasHeldAtASnapshot() {
        // 10 MiB held, 30 allocated, 2 kept: at most the 10 held could be replaced; 28 beyond the rise is garbage too.
        assertEquals(10 * MIB, LeakCriteria.replaced(new long[] {10 * MIB, 12 * MIB}, new long[] {0, 30 * MIB}, 0));
        assertEquals(3 * MIB, LeakCriteria.replaced(new long[] {10 * MIB, 12 * MIB}, new long[] {0, 5 * MIB}, 0));
        // A sampler reset (the counts went back) says nothing.
        assertEquals(0, LeakCriteria.replaced(new long[] {10 * MIB, 12 * MIB}, new long[] {5 * MIB, 0}, 0));
    }
}
