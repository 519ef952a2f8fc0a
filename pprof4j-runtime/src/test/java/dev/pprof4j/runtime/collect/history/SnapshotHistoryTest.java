package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.LiveThreads;
import dev.pprof4j.runtime.collect.build.ProfileDelta;
import dev.pprof4j.runtime.collect.threads.VirtualThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ring with a real thread dump of this JVM, ticked by hand. */
class SnapshotHistoryTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> parked = new ArrayList<>();
    private LiveThreads liveThreads;

    @BeforeEach
    void parkThreads() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            Thread t = new Thread(() -> waitHere(started), "parked-" + i);
            t.setDaemon(true);
            t.start();
            parked.add(t);
        }
        started.await();
        liveThreads = new LiveThreads(VirtualThreads.open(null));
    }

    @AfterEach
    void releaseThreads() throws InterruptedException {
        release.countDown();
        for (Thread t : parked) {
            t.join(5000);
        }
    }

    private void waitHere(CountDownLatch started) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SnapshotHistory history(int size) {
        return SnapshotHistory.manual(new HistorySettings(Duration.ofSeconds(1), size, false),
                new SnapshotRecorder(liveThreads, new CreatedByTable(), null, false, null,
                        new OldGenerationGcs(new ConcurrentOldCycles())));
    }

    @Test
    void dropsTheOldestSnapshotsBeyondHistoryBytes() throws Exception {
        SnapshotHistory tiny = capped(1);
        SnapshotHistory roomy = capped(HistorySettings.DEFAULT_BYTES);
        for (int i = 0; i < 12; i++) {
            assertTrue(tiny.tick());
            assertTrue(roomy.tick());
        }
        // a cap below one snapshot keeps the newest only; a roomy one keeps what historysize allows
        assertEquals(1, tiny.snapshots().size());
        assertTrue(tiny.snapshots().get(0).monotonicNanos >= roomy.snapshots().get(10).monotonicNanos);
        assertEquals(12, roomy.snapshots().size());
        assertTrue(roomy.bytes() <= HistorySettings.DEFAULT_BYTES);
        assertTrue(tiny.bytes() < roomy.bytes(), "dropped snapshots' memory is freed: " + tiny.bytes() + " vs "
                + roomy.bytes());
        assertTrue(HistorySettings.bytes("16MiB") == 16L << 20 && HistorySettings.bytes("65536") == 65536
                && HistorySettings.bytes("1g") == 1L << 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistorySettings.bytes("1KiB"));
        assertTrue(e.getMessage().startsWith("historybytes=1KiB is not a size from 64KiB to 4GiB"), e.getMessage());
    }

    private SnapshotHistory capped(long maxBytes) {
        return SnapshotHistory.manual(new HistorySettings(Duration.ofSeconds(1), 40, false, maxBytes),
                new SnapshotRecorder(liveThreads, new CreatedByTable(), null, false, null,
                        new OldGenerationGcs(new ConcurrentOldCycles())));
    }

    @Test
    void keepsTheLastSizeSnapshotsOldestFirst() throws Exception {
        SnapshotHistory history = history(4);
        for (int i = 0; i < 7; i++) {
            assertTrue(history.tick());
        }
        List<HistorySnapshot> held = history.snapshots();
        assertEquals(4, held.size());
        for (int i = 1; i < held.size(); i++) {
            assertTrue(held.get(i).monotonicNanos > held.get(i - 1).monotonicNanos);
        }
        assertEquals(7, history.ticks());
        // the newest is the one nearest a tiny age; asking for more than is held says how much is held
        assertSame(held.get(3), history.nearest(Duration.ofNanos(1)));
        HistoryRangeException e = assertThrows(HistoryRangeException.class, () -> history.nearest(Duration.ofHours(1)));
        assertTrue(e.getMessage().matches("since=1h0m0s is more than the history holds: 4 snapshots over the last .*,"
                + " one every 1s \\(at most 4\\); ask for since=\\d+s or less"), e.getMessage());
    }

    @Test
    void snapshotsShareStacksAcrossTicksAndAcrossTheRingsTurns() {
        SnapshotHistory history = history(3);
        history.tick();
        HistoryStack first = stackOf(history.snapshots().get(0), "waitHere");
        assertTrue(countOf(history.snapshots().get(0), "waitHere") >= 200);
        long bytesAfterOneTurn = 0;
        for (int i = 0; i < 9; i++) {
            history.tick();
            if (i == 2) {
                bytesAfterOneTurn = history.bytes();
            }
        }
        // Three turns of the ring later, with the interner rebuilt each turn, the stack still
        // is the very object the first snapshot had: one copy, whatever the number of snapshots.
        for (HistorySnapshot s : history.snapshots()) {
            assertSame(first, stackOf(s, "waitHere"));
        }
        // and the memory does not creep while nothing changes (rebuilt tables drop what only dropped snapshots used)
        assertTrue(history.bytes() <= bytesAfterOneTurn * 1.5, history.bytes() + " vs " + bytesAfterOneTurn);
        assertTrue(history.bytes() > 0);
    }

    @Test
    void aSnapshotsGoroutineProfileSubtractsFromALiveOneStackByStack() {
        SnapshotHistory history = history(3);
        history.tick();
        Profile then = HistoryProfiles.goroutine(history.snapshots().get(0));
        history.tick();
        Profile now = HistoryProfiles.goroutine(history.snapshots().get(1));
        // The same 200 parked threads then and now: their stack cancels out in the delta.
        Profile delta = ProfileDelta.between(then, now);
        for (Sample s : delta.samples) {
            assertTrue(s.locations.stream().noneMatch(l -> l.lines.get(0).function().name.endsWith("waitHere")),
                    "parked threads must cancel: " + s);
        }
        assertTrue(then.samples.stream().anyMatch(s -> s.values[0] >= 200));
    }

    @Test
    void stopsAfterRepeatedFailuresAndGivesTheMemoryBack() {
        SnapshotHistory history = SnapshotHistory.manual(new HistorySettings(Duration.ofSeconds(1), 3, false),
                new SnapshotRecorder(liveThreads, new CreatedByTable(), null, false, null,
                        new OldGenerationGcs(new ConcurrentOldCycles())) {
                    @Override
                    HistorySnapshot record(Interner interner) {
                        throw new IllegalStateException("boom");
                    }
                });
        assertTrue(history.tick());
        assertTrue(history.tick());
        assertTrue(!history.tick());
        assertTrue(history.stoppedReason().contains("3 failed snapshots in a row"), history.stoppedReason());
        HistoryRangeException e = assertThrows(HistoryRangeException.class, () -> history.window(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("the history is not recording"), e.getMessage());
    }

    private static HistoryStack stackOf(HistorySnapshot s, String method) {
        ThreadGroups t = s.threads;
        for (int i = 0; i < t.size(); i++) {
            if (mentions(t.stacks[i], method)) {
                return t.stacks[i];
            }
        }
        throw new AssertionError("no thread group waits in " + method);
    }

    private static long countOf(HistorySnapshot s, String method) {
        long n = 0;
        ThreadGroups t = s.threads;
        for (int i = 0; i < t.size(); i++) {
            if (mentions(t.stacks[i], method)) {
                n += t.counts[i];
            }
        }
        return n;
    }

    private static boolean mentions(HistoryStack stack, String method) {
        for (int i = 0; i < stack.depth(); i++) {
            if (stack.frame(i).methodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
