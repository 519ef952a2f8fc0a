package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.LiveThreads;
import dev.pprof4j.runtime.collect.threads.VirtualThreads;
import dev.pprof4j.testkit.RetainedSize;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SnapshotHistory#bytes()}, the estimate {@code /debug/vars} reports, against what the
 * history really keeps alive: the exact retained size from a heap dump of this JVM.
 */
class HistoryBytesTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> parked = new ArrayList<>();

    /** The only path to the history, so the dump can tell what it alone keeps alive. */
    static final class Measured {
        final SnapshotHistory history;

        Measured(SnapshotHistory history) {
            this.history = history;
        }
    }

    @AfterEach
    void releaseThreads() throws InterruptedException {
        release.countDown();
        for (Thread t : parked) {
            t.join(5000);
        }
    }

    @Test
    void estimateIsWithinAQuarterOfTheRetainedSize() throws Exception {
        // 300 threads in 30 stacks of depths 1..30: stacks, frames and strings for the interner.
        CountDownLatch started = new CountDownLatch(300);
        for (int i = 0; i < 300; i++) {
            int depth = 1 + i % 30;
            Thread t = new Thread(() -> descend(depth, started), "parked-" + i);
            t.setDaemon(true);
            t.start();
            parked.add(t);
        }
        started.await();
        LiveThreads liveThreads = new LiveThreads(VirtualThreads.open(null));
        Measured measured = new Measured(SnapshotHistory.manual(new HistorySettings(Duration.ofSeconds(1), 60, false),
                new SnapshotRecorder(liveThreads, new CreatedByTable(), null, false, null,
                        new OldGenerationGcs(new ConcurrentOldCycles()))));
        for (int i = 0; i < 75; i++) { // past one compaction (after 60), as a ring that has turned
            assertTrue(measured.history.tick());
        }
        assertEquals(60, measured.history.snapshots().size());
        long estimate = measured.history.bytes();

        RetainedSize.Result exact = RetainedSize.ofLiveInstances(Measured.class.getName());

        assertEquals(1, exact.instances());
        double ratio = (double) estimate / exact.bytes();
        assertTrue(ratio > 0.75 && ratio < 1.25, "estimate " + estimate + " bytes against " + exact.bytes()
                + " retained (ratio " + String.format("%.2f", ratio) + "):\n" + exact.text(15));
        Reference.reachabilityFence(liveThreads); // the agent's Collectors holds it, not the history
    }

    private void descend(int depth, CountDownLatch started) {
        if (depth > 0) {
            descend(depth - 1, started);
            return;
        }
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
