package dev.pprof4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A service whose own traffic has one of the shapes the leak hunt is calibrated on, for the
 * calibration over real processes (pprof4j-cli's {@code LeakCalibration}, bench/leak-calibration.sh).
 * Arguments: {@code shape windowMillis seed}. The shape's timeline is laid over a window of
 * {@code windowMillis} from the moment it prints {@code traffic}, when the hunt starts; the
 * seed draws its timing. Every request also makes 24 KB of garbage.
 *
 * <p>Leaking shapes leak twice per request: a connection thread that waits for ever
 * ({@link #openConnection}) and a 384 KB buffer kept in a static list ({@link #remember}):
 * {@code steady} (a request every 40-80 ms), {@code bursty} (bursts of 0.4-1 s, idle gaps of
 * 1-2 s), {@code ramp} (the rate grows from next to nothing over the window), {@code
 * burst-silence} (steady, then nothing for the last 20-40 % of the window). Shapes that do
 * not leak: {@code flat} (requests make garbage only, beside a 50 MB table built at start),
 * {@code gc} (requests keep buffers for a random 0-3 s: objects that reach the old generation
 * and wait for its collection), {@code cache} (a cache bounded at 10-40 MB filled in about
 * 1-2 s, then replacing a fifth of itself a second), {@code pool} (a pool of 8-32 threads
 * started by the first requests).
 */
public final class ShapedTrafficService {
    static final int KEPT = 96 * 1024;
    /**
     * What a leaking request keeps: on a loaded 2-core machine a request loop paced at 40-80 ms
     * ran about 5 requests a second, so 384 KB a request leaks 1-3 MiB a round, the synthetic
     * model's steady leak.
     */
    static final int LEAKED = 384 * 1024;
    private static final List<byte[]> REMEMBERED = new ArrayList<>();
    private static volatile long sink;

    private final String shape;
    private final long windowNanos;
    private final Random random;
    private final long start = System.nanoTime();
    private final List<byte[]> table = new ArrayList<>();
    private final LinkedBlockingQueue<Held> held = new LinkedBlockingQueue<>();
    private final Map<Integer, byte[]> cache;
    private final int cacheEntries;
    private ThreadPoolExecutor pool;

    private record Held(long untilNanos, byte[] bytes) {
    }

    private ShapedTrafficService(String shape, long windowMillis, long seed) {
        this.shape = shape;
        this.windowNanos = windowMillis * 1_000_000;
        this.random = new Random(seed);
        this.cacheEntries = (int) ((10 + random.nextInt(30)) * (1L << 20) / KEPT);
        this.cache = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > cacheEntries;
            }
        };
    }

    public static void main(String[] args) throws Exception {
        ShapedTrafficService service = new ShapedTrafficService(args[0], Long.parseLong(args[1]), Long.parseLong(args[2]));
        service.run();
    }

    private void run() throws InterruptedException {
        if (shape.equals("flat")) {
            for (int i = 0; i < 50 * 1024 / 64; i++) {
                table.add(new byte[64 * 1024]);
            }
        }
        if (shape.equals("pool")) {
            int size = 8 + random.nextInt(24);
            pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>());
        }
        System.out.println("traffic");
        System.out.flush();
        double rate = 1 / (0.04 + 0.04 * random.nextDouble());
        long burstEnd = 0;
        long idleEnd = 0;
        double silentFrom = 0.6 + 0.2 * random.nextDouble();
        int fillMillis = 1000 + random.nextInt(1000);
        for (int request = 0; ; request++) {
            double t = (System.nanoTime() - start) / (double) windowNanos;
            long sleepMillis = Math.round(1000 / rate);
            switch (shape) {
                case "steady", "flat", "gc", "pool" -> handle(request);
                case "bursty" -> {
                    long now = System.nanoTime();
                    if (now - idleEnd >= 0 && now - burstEnd >= 0) {
                        burstEnd = now + (400 + random.nextInt(600)) * 1_000_000L;
                        idleEnd = burstEnd + (1000 + random.nextInt(1000)) * 1_000_000L;
                    }
                    if (now - burstEnd < 0) {
                        handle(request);
                    }
                }
                case "ramp" -> {
                    handle(request);
                    sleepMillis = Math.min(1000, Math.round(1000 / (rate * Math.min(1, t + 0.05))));
                }
                case "burst-silence" -> {
                    if (t < silentFrom) {
                        handle(request);
                    }
                }
                case "cache" -> {
                    // Fills to its bound by fillMillis on the clock (a loaded machine's late
                    // wake-ups must not stretch the filling over the window), then replaces a
                    // fifth of it a second.
                    boolean filling = cache.size() < cacheEntries;
                    long due = Math.min(cacheEntries, cacheEntries * (System.nanoTime() - start) / (fillMillis * 1_000_000L));
                    do {
                        handle(request++);
                    } while (filling && cache.size() < due);
                    sleepMillis = filling ? 20 : Math.max(1, 1000 / Math.max(1, cacheEntries / 5));
                }
                default -> throw new IllegalArgumentException("unknown shape " + shape
                        + "; one of steady, bursty, ramp, burst-silence, flat, gc, cache, pool");
            }
            Thread.sleep(sleepMillis);
        }
    }

    private void handle(int request) {
        byte[] garbage = new byte[24 * 1024];
        sink += garbage.length;
        switch (shape) {
            case "steady", "bursty", "ramp", "burst-silence" -> {
                openConnection(request);
                remember(request);
            }
            case "gc" -> keepAWhile();
            case "cache" -> cached(request);
            case "pool" -> pool.execute(() -> sink += new byte[8 * 1024].length);
            default -> { }
        }
    }

    /** The thread leak: a connection thread per request, never closed. */
    static void openConnection(int request) {
        CountDownLatch closed = new CountDownLatch(1);
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

    /** The heap leak: every request's buffer, kept for ever. */
    static void remember(int request) {
        byte[] buffer = new byte[LEAKED];
        buffer[request % LEAKED] = 1;
        synchronized (REMEMBERED) {
            REMEMBERED.add(buffer);
        }
    }

    /** GC timing: a buffer held for a random 0-3 s, then dropped. */
    private void keepAWhile() {
        long now = System.nanoTime();
        held.add(new Held(now + random.nextInt(3000) * 1_000_000L, new byte[KEPT]));
        held.removeIf(h -> now - h.untilNanos() >= 0);
    }

    /** A cache at its bound: each new entry evicts the eldest. */
    private void cached(int request) {
        byte[] entry = new byte[KEPT];
        entry[request % KEPT] = 1;
        cache.put(request, entry);
    }
}
