package dev.pprof4j.runtime.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A small host with many threads: {@code threads} parked platform threads, each a few frames
 * deep, and a main thread that keeps allocating a little and prints {@code heartbeat N} every
 * 200 ms — an application whose main thread must survive whatever the agent is asked. Prints
 * {@code ready N} once every thread is parked.
 */
public final class ManyThreads {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        CountDownLatch parked = new CountDownLatch(count);
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> park(parked, never, 8), "worker-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        parked.await();
        System.out.println("ready " + count);
        List<byte[]> work = new ArrayList<>();
        for (long beat = 0; ; beat++) {
            for (int i = 0; i < 20; i++) {
                work.add(new byte[4096]);
                Thread.sleep(10);
            }
            work.clear();
            System.out.println("heartbeat " + beat);
        }
    }

    private static void park(CountDownLatch parked, CountDownLatch never, int depth) {
        if (depth > 0) {
            park(parked, never, depth - 1);
            return;
        }
        parked.countDown();
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
