package dev.pprof4j.runtime.collect.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The history's batched dump sees the same threads and stacks as the one-safepoint dump. */
class LiveThreadsBatchTest {
    @Test
    void batchesFindEveryParkedThreadWithItsStack() throws Exception {
        int parked = 300 + new SplittableRandom().nextInt(400);
        try (Parked ignored = new Parked(parked)) {
            LiveThreads live = new LiveThreads(VirtualThreads.open(null));
            assertEquals(parked, countParked(live.snapshotInBatches(100)));
            assertEquals(parked, countParked(live.snapshotInBatches(7)));
            assertEquals(countParked(live.snapshot(false)), countParked(live.snapshotInBatches(parked + 1)));
        }
    }

    /**
     * A streamed dump is charged its safepoints, not the time its consumer takes between them:
     * before, the stop-the-world budget charged a slow batched dump all of its time.
     */
    @Test
    void batchesReportOnlyTheirOwnTimeAsStopped() throws Exception {
        try (Parked ignored = new Parked(200)) {
            LiveThreads live = new LiveThreads(VirtualThreads.open(null));
            long[] stopped = new long[1];
            int[] batches = new int[1];
            long start = System.nanoTime();
            live.forEachBatch(50, true, nanos -> stopped[0] += nanos, batch -> {
                batches[0]++;
                try {
                    Thread.sleep(40); // a slow client between safepoints
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long elapsed = System.nanoTime() - start;
            long slept = batches[0] * 40_000_000L;
            assertTrue(batches[0] >= 5, batches[0] + " batches");
            assertTrue(stopped[0] > 0, "no safepoint time reported");
            assertTrue(stopped[0] <= elapsed - slept, "reported " + stopped[0] / 1_000_000 + " ms stopped of "
                    + elapsed / 1_000_000 + " ms, of which the consumer slept " + slept / 1_000_000 + " ms");
        }
    }

    /** Platform threads parked in {@link #parkedHere} until closed. */
    private static final class Parked implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<Thread> threads = new ArrayList<>();

        Parked(int count) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(() -> parkedHere(started, release), "batch-test-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            started.await();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static long countParked(List<ThreadSample> samples) {
        return samples.stream()
                .filter(s -> s.name() != null && s.name().startsWith("batch-test-"))
                .filter(s -> Arrays.stream(s.stack()).anyMatch(f -> f.getMethodName().equals("parkedHere")))
                .count();
    }

    private static void parkedHere(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
