package dev.pprof4j.report.leaks.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.detect.Finding;
import dev.pprof4j.report.leaks.detect.FindingKind;
import dev.pprof4j.report.leaks.detect.LeakCriteria;
import dev.pprof4j.report.leaks.detect.LeakDetector;
import dev.pprof4j.report.leaks.detect.LeakReport;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's history text, read into snapshots and judged by the same detector as the live hunt. */
class HistorySnapshotsTest {
    /**
     * Five snapshots: leaked threads started by Pool.open grow 2, 4, 6, 8, 10; a site's live
     * bytes grow too; old-generation collections go 0, 0, 1, 1, 2 or stay 0 throughout.
     */
    static String history(boolean oldCollections) {
        StringBuilder sb = new StringBuilder("pprof4j-history 1\ninterval\t1000\n");
        sb.append("frame\t1\tjava.lang.Object.wait\tObject.java\t0\n");
        sb.append("frame\t2\tcom.shop.Pool.idle\tPool.java\t40\n");
        sb.append("frame\t3\tjava.lang.Thread.start\tThread.java\t800\n");
        sb.append("frame\t4\tcom.shop.Pool.open\tPool.java\t12\n");
        sb.append("frame\t5\tcom.shop.Cache.put\tCache.java\t7\n");
        sb.append("stack\t1\t1 2\nstack\t2\t3 4\nstack\t3\t5\n");
        long[] old = oldCollections ? new long[] {0, 0, 1, 1, 2} : new long[5];
        for (int i = 0; i < 5; i++) {
            sb.append("snapshot\t").append(1_700_000_000_000L + 1000L * i).append("\t").append(10 + i)
                    .append("\t1000\t30\t-1\t").append(old[i]).append('\n');
            sb.append("thread\t1\t2\t").append(2 * (i + 1)).append('\n');
            sb.append("heap-sites\n");
            sb.append("heap\t3\tbyte[]\t").append(10 * (i + 1)).append('\t').append((3L << 20) * (i + 1)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void judgesThreadsAndHeapAcrossAnOldCollection() throws IOException {
        List<Snapshot> snapshots = HistorySnapshots.parse(history(true), LeakCriteria.DEFAULT);
        assertEquals(5, snapshots.size());
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(snapshots);
        assertTrue(report.measured().contains(Measure.LIVE_HEAP_BY_SITE), report.measured().toString());
        assertEquals(2, report.findings().size(), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.kind() == FindingKind.THREADS
                && f.site().contains("com.shop.Pool.open")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.kind() == FindingKind.LIVE_HEAP
                && f.site().contains("com.shop.Cache.put")), report.findings().toString());
    }

    @Test
    void withoutAnOldCollectionHeapIsNotJudgedAndSaysWhy() throws IOException {
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(HistorySnapshots.parse(history(false),
                LeakCriteria.DEFAULT));
        assertFalse(report.measured().contains(Measure.LIVE_HEAP_BY_SITE));
        assertEquals(1, report.findings().size(), report.findings().toString());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("no collection of the old generation")),
                report.notes().toString());
    }

    /**
     * A window whose canaries have not matured, yet the collectors counted a full GC in it (the
     * field after the canaries' count), and whose snapshots hold a class histogram only at
     * every other tick: heap by site is judged, and heap by class on those snapshots alone.
     */
    @Test
    void judgesHeapOnTheCollectorsOldGcCountAndClassesOnTheHistogramsTheWindowHolds() throws IOException {
        StringBuilder sb = new StringBuilder("pprof4j-history 1\ninterval\t1000\n");
        sb.append("frame\t1\tcom.shop.Audit.keep\tAudit.java\t9\nstack\t1\t1\n");
        long[] oldGcs = {4, 4, 5, 5, 6};
        for (int i = 0; i < 5; i++) {
            sb.append("snapshot\t").append(1000L * i).append("\t").append(10 + i).append("\t1\t1\t-1\t0\t")
                    .append(oldGcs[i]).append('\n');
            sb.append("heap-sites\nheap\t1\tbyte[]\t").append(i).append('\t').append((3L << 20) * i).append('\n');
            if (i % 2 == 0) {
                sb.append("histogram\nclass\t[B\t").append(i).append('\t').append((3L << 20) * i).append('\n')
                        .append("class\tjava.lang.String\t").append(100).append('\t').append(2400).append('\n');
            }
        }
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(HistorySnapshots.parse(sb.toString(),
                LeakCriteria.DEFAULT));
        assertTrue(report.measured().containsAll(List.of(Measure.LIVE_HEAP_BY_SITE, Measure.HEAP_BY_CLASS)),
                report.measured().toString());
        assertEquals(List.of("com.shop.Audit.keep (Audit.java:9)"), report.findings().stream().map(Finding::site).toList());
        assertEquals(List.of("byte[]"), report.alsoGrew().stream().map(Finding::site).toList());
        assertEquals(3, report.alsoGrew().get(0).values().length);
        assertTrue(report.notes().contains("heap by class: judged on the 3 snapshots of the 5 that hold a class histogram"),
                report.notes().toString());
    }

    /**
     * A cache that filled to 20 MiB and then replaces a fifth of it a round, its estimate
     * wandering up by two steps of 4 MiB: on in-use bytes alone an upward trend; with the
     * allocated bytes the agent now writes beside them, steps no bigger than replacing what
     * it holds moves an estimate, so no leak, as in a live hunt. A leak that keeps what it
     * allocates is still found with them.
     */
    @Test
    void aCacheAtItsBoundIsNoLeakWhenTheHistoryCountsWhatItAllocated() throws IOException {
        long mib = 1L << 20;
        long[] cache = {0, 20, 20, 24, 24, 24, 28, 28};
        long[] cacheMade = {0, 20, 24, 32, 36, 40, 48, 52};
        long[] leak = {0, 3, 6, 9, 12, 15, 18, 21};
        long[] leakMade = {0, 4, 8, 12, 16, 20, 24, 28};
        for (boolean counted : new boolean[] {false, true}) {
            StringBuilder sb = new StringBuilder("pprof4j-history 1\ninterval\t1000\n");
            sb.append("frame\t1\tcom.shop.Cache.put\tCache.java\t7\nframe\t2\tcom.shop.Audit.keep\tAudit.java\t9\n");
            sb.append("stack\t1\t1\nstack\t2\t2\n");
            for (int i = 0; i < cache.length; i++) {
                sb.append("snapshot\t").append(1000L * i).append("\t").append(10 + i).append("\t1\t1\t-1\t0\t")
                        .append(i / 3).append("\nheap-sites\t524288\n");
                sb.append("heap\t1\tbyte[]\t").append(cache[i] * 10).append('\t').append(cache[i] * mib)
                        .append(counted ? "\t" + cacheMade[i] * mib : "").append('\n');
                sb.append("heap\t2\tchar[]\t").append(leak[i] * 10).append('\t').append(leak[i] * mib)
                        .append(counted ? "\t" + leakMade[i] * mib : "").append('\n');
            }
            List<Snapshot> snapshots = HistorySnapshots.parse(sb.toString(), LeakCriteria.DEFAULT);
            assertEquals(counted ? 52 * mib : 0, snapshots.get(7).allocatedBySite().values().stream()
                    .mapToLong(Long::longValue).max().orElse(0), snapshots.get(7).allocatedBySite().toString());
            List<String> sites = new LeakDetector(LeakCriteria.DEFAULT).detect(snapshots).findings().stream()
                    .map(Finding::site).toList();
            assertEquals(counted ? List.of("com.shop.Audit.keep (Audit.java:9)")
                    : List.of("com.shop.Cache.put (Cache.java:7)", "com.shop.Audit.keep (Audit.java:9)"),
                    sites.stream().sorted(java.util.Comparator.reverseOrder()).toList(), "counted: " + counted);
        }
    }

    /**
     * A site whose estimate climbs 4 MiB a second as it allocates 4 MiB a second, in a window
     * whose only old collection ran in its first interval: a leak, or a cache at its bound
     * whose evicted entries wait in the old generation for the next old collection. The
     * history cannot tell them apart, so it reports no leak; a second old collection after
     * which the site still holds what it allocated confirms the leak. An older agent's history,
     * without allocation counts, is judged on the trend alone.
     */
    @Test
    void growthBetweenOldCollectionsIsALeakOnlyWhenAReadingAfterOneConfirmsIt() throws IOException {
        long mib = 1L << 20;
        long[] inUse = {24, 25, 29, 33, 37, 41, 45, 49};
        long[] made = {100, 104, 108, 112, 116, 120, 124, 128};
        String site = "com.shop.Cache.put (Cache.java:7)";
        record Window(long[] oldGcs, boolean counted, List<String> findings) {
        }
        for (Window w : List.of(new Window(new long[] {3, 4, 4, 4, 4, 4, 4, 4}, true, List.of()),
                new Window(new long[] {3, 4, 4, 4, 4, 5, 5, 5}, true, List.of(site)),
                new Window(new long[] {3, 4, 4, 4, 4, 4, 4, 4}, false, List.of(site)))) {
            StringBuilder sb = new StringBuilder("pprof4j-history 1\ninterval\t1000\n");
            sb.append("frame\t1\tcom.shop.Cache.put\tCache.java\t7\nstack\t1\t1\n");
            for (int i = 0; i < inUse.length; i++) {
                sb.append("snapshot\t").append(1000L * i).append("\t").append(10 + i).append("\t1\t1\t-1\t0\t")
                        .append(w.oldGcs()[i]).append("\nheap-sites\t524288\n");
                sb.append("heap\t1\tbyte[]\t").append(inUse[i] * 10).append('\t').append(inUse[i] * mib)
                        .append(w.counted() ? "\t" + made[i] * mib : "").append('\n');
            }
            List<Snapshot> snapshots = HistorySnapshots.parse(sb.toString(), LeakCriteria.DEFAULT);
            for (int i = 0; i < inUse.length; i++) {
                assertEquals(i > 0 && w.oldGcs()[i] != w.oldGcs()[i - 1] ? Snapshot.OldGarbage.COLLECTED_SINCE_PREVIOUS
                        : Snapshot.OldGarbage.WAITING, snapshots.get(i).oldGarbage(), "snapshot " + i);
            }
            LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(snapshots);
            assertTrue(report.measured().contains(Measure.LIVE_HEAP_BY_SITE), report.measured().toString());
            assertEquals(w.findings(), report.findings().stream().map(Finding::site).toList(), w.toString());
            assertEquals(w.findings().isEmpty(), report.notes().stream().anyMatch(note -> note.contains(
                    "com.shop.Cache.put grew, but no reading right after an old-generation collection confirmed it")),
                    report.notes().toString());
        }
    }

    /** JFR's ThreadStart arrives late: the youngest threads have no creator yet, yet count with their siblings. */
    @Test
    void threadsTooYoungForACreatorCountWithTheirSiblings() throws IOException {
        StringBuilder sb = new StringBuilder("pprof4j-history 1\n");
        sb.append("frame\t1\tcom.shop.Pool.idle\tPool.java\t40\nframe\t2\tcom.shop.Pool.open\tPool.java\t12\n");
        sb.append("stack\t1\t1\nstack\t2\t2\n");
        // known creators 2, 2, 6, 6, 10 (the events come in bursts); with no creator yet 0, 2, 0, 2, 0
        long[] known = {2, 2, 6, 6, 10};
        long[] young = {0, 2, 0, 2, 0};
        for (int i = 0; i < 5; i++) {
            sb.append("snapshot\t").append(1000L * i).append("\t1\t1\t1\t-1\t0\n");
            sb.append("thread\t1\t2\t").append(known[i]).append('\n');
            if (young[i] > 0) {
                sb.append("thread\t1\t-\t").append(young[i]).append('\n');
            }
        }
        LeakReport report = new LeakDetector(LeakCriteria.DEFAULT).detect(HistorySnapshots.parse(sb.toString(),
                LeakCriteria.DEFAULT));
        assertEquals(1, report.findings().size(), report.findings().toString());
        assertEquals("[2, 4, 6, 8, 10]", java.util.Arrays.toString(report.findings().get(0).values()));
        assertTrue(report.findings().get(0).site().contains("com.shop.Pool.open"), report.findings().toString());
    }

    @Test
    void refusesWhatIsNotAHistoryNamingTheLine() {
        IOException notHistory = assertThrows(IOException.class,
                () -> HistorySnapshots.parse("<html>", LeakCriteria.DEFAULT));
        assertTrue(notHistory.getMessage().startsWith("not a pprof4j history"), notHistory.getMessage());
        IOException unknownStack = assertThrows(IOException.class, () -> HistorySnapshots.parse(
                "pprof4j-history 1\nsnapshot\t1\t1\t1\t1\t-1\t0\nthread\t9\t-\t1\n", LeakCriteria.DEFAULT));
        assertEquals("malformed pprof4j history at line 3: unknown stack id 9", unknownStack.getMessage());
        IOException shortLine = assertThrows(IOException.class, () -> HistorySnapshots.parse(
                "pprof4j-history 1\nsnapshot\t1\n", LeakCriteria.DEFAULT));
        assertTrue(shortLine.getMessage().startsWith("malformed pprof4j history at line 2"), shortLine.getMessage());
    }
}
