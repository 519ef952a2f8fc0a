package dev.pprof4j.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service that behaves for a while and then starts leaking, the case the agent's history
 * is for: by the time someone looks, no profile from before the leak exists. Arguments:
 * {@code leak|steady delayMillis}. From the start it makes garbage (so the GC runs as in a
 * real service); after the delay, every 200 ms a "request" opens a connection thread and
 * keeps a 600 KB buffer. With {@code leak}, the threads wait forever in {@link #awaitClose}
 * and the buffers stay in a list ({@link #remember}); with {@code steady}, the threads end
 * and only the last four buffers are kept. Prints {@code leaking} or {@code steady} when the
 * requests begin.
 *
 * <p>With two more arguments, {@code burstMillis idleMillis}, the requests come in bursts
 * (every 50 ms for {@code burstMillis}, then none for {@code idleMillis}), as real traffic
 * does; it prints {@code idle} when each burst ends.
 */
public final class DelayedLeakService {
    public static final int BUFFER = 600 * 1024;
    private static final List<byte[]> REMEMBERED = new ArrayList<>();
    private static final ArrayDeque<byte[]> RECENT = new ArrayDeque<>();
    private static volatile long sink;

    private DelayedLeakService() {
    }

    public static void main(String[] args) throws Exception {
        boolean leak = args[0].equals("leak");
        long delayMillis = Long.parseLong(args[1]);
        Thread churn = new Thread(DelayedLeakService::churn, "churn");
        churn.setDaemon(true);
        churn.start();
        System.out.println("ready");
        Thread.sleep(delayMillis);
        System.out.println(leak ? "leaking" : "steady");
        if (args.length >= 4) {
            bursts(leak, Long.parseLong(args[2]), Long.parseLong(args[3]));
        }
        for (int request = 0; ; request++) {
            handle(request, leak);
            Thread.sleep(200);
        }
    }

    private static void bursts(boolean leak, long burstMillis, long idleMillis) throws InterruptedException {
        for (int request = 0; ; ) {
            for (long end = System.nanoTime() + burstMillis * 1_000_000; System.nanoTime() - end < 0; request++) {
                handle(request, leak);
                Thread.sleep(50);
            }
            System.out.println("idle");
            Thread.sleep(idleMillis);
        }
    }

    static void handle(int request, boolean leak) {
        openConnection(request, leak);
        byte[] buffer = new byte[BUFFER];
        buffer[request % BUFFER] = 1;
        if (leak) {
            remember(buffer);
        } else {
            synchronized (RECENT) {
                RECENT.addLast(buffer);
                if (RECENT.size() > 4) {
                    RECENT.removeFirst();
                }
            }
        }
    }

    /** The heap leak: every request's buffer, kept forever. */
    static void remember(byte[] buffer) {
        synchronized (REMEMBERED) {
            REMEMBERED.add(buffer);
        }
    }

    /** The thread leak's culprit: a thread per request that, when leaking, is never closed. */
    static void openConnection(int request, boolean leak) {
        CountDownLatch closed = new CountDownLatch(leak ? 1 : 0);
        Thread connection = new Thread(() -> awaitClose(closed), "connection-" + request);
        connection.setDaemon(true);
        connection.start();
    }

    /** Where a leaked connection thread waits. */
    static void awaitClose(CountDownLatch closed) {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** About 8 MB/s of short-lived garbage, so young collections run every second or two. */
    static void churn() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            for (int i = 0; i < 16; i++) {
                byte[] garbage = new byte[16 * 1024 + random.nextInt(16 * 1024)];
                sink += garbage.length;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
