package dev.pprof4j.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(parked);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < parked; i++) {
                Thread t = new Thread(() -> parkedHere(started, release), "batch-test-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            started.await();
            LiveThreads live = new LiveThreads(VirtualThreads.open(null));
            assertEquals(parked, countParked(live.snapshotInBatches(100)));
            assertEquals(parked, countParked(live.snapshotInBatches(7)));
            assertEquals(countParked(live.snapshot(false)), countParked(live.snapshotInBatches(parked + 1)));
        } finally {
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
