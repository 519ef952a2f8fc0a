package dev.pprof4j.runtime.collect.contention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Contention whose truth the workload measures itself: every waiter times its own waits, with
 * randomized durations, at sites of very different wait lengths:
 * <ul>
 * <li>{@code waitShort}: a ReentrantLock that 4 threads each hold for 100–400 µs in {@code holdShort}
 *     (on virtual threads they park by unmounting);
 * <li>{@code waitShortMonitor} (virtual threads): a monitor the same 4 threads hold, in turn with the
 *     lock, for 100–400 µs in {@code holdShort};
 * <li>{@code waitLong}: 4 monitors, each held 20–60 ms in {@code holdLong} by 12 threads;
 * <li>{@code waitQueue}: 2 consumers of a hand-off queue fed every 0.05–2 ms;
 * <li>{@code waitNotify}: {@code Object.wait} until a notifier's next notify, every 0.1–3 ms.
 * </ul>
 * Mode {@code hot} runs one site alone instead, {@code waitHotMonitor}: a monitor that 4 platform
 * threads take in a loop, each holding it for 5–40 µs and yielding the CPU inside, so that nearly
 * every enter is contended, thousands of times a second.
 * Args: {@code platform|virtual|hot seconds truthFile blockRateNanos mutexFraction}: it runs at least
 * that many seconds and on (up to three times as long) until each site's sampling sigma is at
 * most 5 % of its blocked time. Writes per site
 * {@code name sum-of-waits sigma-block sigma-mutex waits}, where sigma-block is the block
 * sampler's standard error for that site (Go's rule: sqrt(sum over d < rate of d(rate-d))) and
 * sigma-mutex the mutex sampler's (sqrt((fraction-1) sum d^2)), then prints {@code truth
 * written} and waits to be killed, so that the profiles can be read.
 */
public final class ContentionTruthWorkload {
    private static volatile boolean running = true;

    /** One site's truth, kept without locks (a lock here would be contention of its own). */
    static final class Truth {
        final String name;
        final LongAdder waits = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final DoubleAdder blockVariance = new DoubleAdder();
        final DoubleAdder squares = new DoubleAdder();

        Truth(String name) {
            this.name = name;
        }

        void add(long d, long rate) {
            waits.increment();
            nanos.add(d);
            squares.add((double) d * d);
            if (d < rate) {
                blockVariance.add((double) d * (rate - d));
            }
        }

        /** Whether 25 % of this site's blocked time is at least 4 sampling sigmas, with a margin. */
        boolean sized(int fraction, boolean mutexSite) {
            double sigma = Math.sqrt(blockVariance.sum());
            if (mutexSite) {
                sigma = Math.max(sigma, Math.sqrt(Math.max(0, fraction - 1) * squares.sum()));
            }
            return 4 * sigma <= 0.2 * nanos.sum();
        }

        String line(int fraction) {
            return name + " " + nanos.sum() + " " + Math.sqrt(blockVariance.sum()) + " "
                    + Math.sqrt(Math.max(0, fraction - 1) * squares.sum()) + " " + waits.sum();
        }
    }

    static long rate;

    public static void main(String[] args) throws Exception {
        boolean virtual = args[0].equals("virtual");
        long millis = (long) (Double.parseDouble(args[1]) * 1000);
        Path truthFile = Path.of(args[2]);
        rate = Long.parseLong(args[3]);
        int fraction = Integer.parseInt(args[4]);
        if (args[0].equals("hot")) {
            hot(millis, truthFile, fraction);
            return;
        }
        Truth shortSite = new Truth("waitShort");
        Truth shortMonitorSite = new Truth("waitShortMonitor");
        Truth longSite = new Truth("waitLong");
        Truth queueSite = new Truth("waitQueue");
        Truth notifySite = new Truth("waitNotify");
        List<Thread> threads = new ArrayList<>();
        ReentrantLock shortLock = new ReentrantLock();
        Object shortMonitor = new Object();
        for (int i = 0; i < 4; i++) {
            threads.add(start(virtual, "short-" + i, () -> {
                while (running) {
                    waitShort(shortLock, shortSite);
                    if (virtual) {
                        waitShortMonitor(shortMonitor, shortMonitorSite);
                    }
                }
            }));
        }
        Object[] monitors = {new Object(), new Object(), new Object(), new Object()};
        for (int i = 0; i < 12; i++) {
            threads.add(start(virtual, "long-" + i, () -> {
                while (running) {
                    waitLong(monitors[ThreadLocalRandom.current().nextInt(monitors.length)], longSite);
                }
            }));
        }
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
        for (int i = 0; i < 2; i++) {
            threads.add(start(virtual, "consumer-" + i, () -> {
                while (running) {
                    waitQueue(queue, queueSite);
                }
            }));
        }
        threads.add(start(virtual, "producer", () -> {
            while (running) {
                pause(ThreadLocalRandom.current().nextLong(50_000, 2_000_000));
                queue.offer(Boolean.TRUE);
            }
            for (int i = 0; i < 4; i++) {
                queue.offer(Boolean.TRUE); // release the consumers
                pause(1_000_000);
            }
        }));
        Object bell = new Object();
        threads.add(start(virtual, "waiter", () -> {
            while (running) {
                waitNotify(bell, notifySite);
            }
        }));
        threads.add(start(virtual, "notifier", () -> {
            while (running) {
                pause(ThreadLocalRandom.current().nextLong(100_000, 3_000_000));
                synchronized (bell) {
                    bell.notifyAll();
                }
            }
            for (int i = 0; i < 10; i++) {
                synchronized (bell) {
                    bell.notifyAll();
                }
                pause(1_000_000);
            }
        }));
        // At least `seconds`, and on until every site's sampling error is small enough for the
        // test's 4-sigma bound (a loaded machine makes fewer, more uneven waits), at most 3 times as long.
        Thread.sleep(millis);
        long cap = System.nanoTime() + 2_000_000L * millis;
        while (System.nanoTime() < cap && !(shortSite.sized(fraction, true) && longSite.sized(fraction, true)
                && (!virtual || shortMonitorSite.sized(fraction, true)) && queueSite.sized(fraction, false)
                && notifySite.sized(fraction, false))) {
            Thread.sleep(500);
        }
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        List<String> lines = new ArrayList<>();
        for (Truth t : virtual ? List.of(shortSite, shortMonitorSite, longSite, queueSite, notifySite)
                : List.of(shortSite, longSite, queueSite, notifySite)) {
            lines.add(t.line(fraction));
        }
        Files.write(truthFile, lines);
        System.out.println("truth written");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Mode hot: the one heavily contended monitor, until its block sampling sigma is small enough. */
    static void hot(long millis, Path truthFile, int fraction) throws Exception {
        Truth hotSite = new Truth("waitHotMonitor");
        Object monitor = new Object();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(start(false, "hot-" + i, () -> {
                while (running) {
                    waitHotMonitor(monitor, hotSite);
                }
            }));
        }
        Thread.sleep(millis);
        long cap = System.nanoTime() + 2_000_000L * millis;
        while (System.nanoTime() < cap && !hotSite.sized(fraction, false)) {
            Thread.sleep(500);
        }
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
        Files.write(truthFile, List.of(hotSite.line(fraction)));
        System.out.println("truth written");
        Thread.sleep(Long.MAX_VALUE);
    }

    static void waitHotMonitor(Object monitor, Truth truth) {
        long t0 = System.nanoTime();
        synchronized (monitor) {
            truth.add(System.nanoTime() - t0, rate);
            long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(5_000, 40_000);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            Thread.yield();
        }
    }

    static Thread start(boolean virtual, String name, Runnable body) throws Exception {
        if (virtual) {
            // Thread.ofVirtual() by reflection: this class is compiled for JDK 17.
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            builder = Class.forName("java.lang.Thread$Builder$OfVirtual").getMethod("name", String.class)
                    .invoke(builder, name);
            java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            return (Thread) start.invoke(builder, body);
        }
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    static void waitShort(ReentrantLock lock, Truth truth) {
        long t0 = System.nanoTime();
        lock.lock();
        truth.add(System.nanoTime() - t0, rate);
        try {
            holdShort();
        } finally {
            lock.unlock();
        }
    }

    static void waitShortMonitor(Object monitor, Truth truth) {
        long t0 = System.nanoTime();
        synchronized (monitor) {
            truth.add(System.nanoTime() - t0, rate);
            holdShort();
        }
    }

    /** Busy for 100–400 µs: short enough that a 10 ms threshold sees none of the waits it causes. */
    static void holdShort() {
        long until = System.nanoTime() + ThreadLocalRandom.current().nextLong(100_000, 400_000);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    static void waitLong(Object monitor, Truth truth) {
        long t0 = System.nanoTime();
        synchronized (monitor) {
            truth.add(System.nanoTime() - t0, rate);
            holdLong();
        }
    }

    static void holdLong() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 61));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitQueue(BlockingQueue<Object> queue, Truth truth) {
        long t0 = System.nanoTime();
        try {
            queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        truth.add(System.nanoTime() - t0, rate);
    }

    static void waitNotify(Object bell, Truth truth) {
        synchronized (bell) {
            long t0 = System.nanoTime();
            try {
                bell.wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            truth.add(System.nanoTime() - t0, rate);
        }
    }

    /**
     * Sleeps (Thread.sleep): no park on a platform thread, and on a virtual thread a park without a
     * blocker, which the block profile leaves out as Go leaves out time.Sleep.
     */
    static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
