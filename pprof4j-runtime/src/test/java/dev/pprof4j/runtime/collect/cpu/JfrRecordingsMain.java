package dev.pprof4j.runtime.collect.cpu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;

/**
 * Writes real async-profiler recordings for JfrSampleReaderIT: one file per event ({@code cpu}
 * (else {@code itimer}), {@code wall}, {@code alloc}, {@code lock}), each of two chunks (a
 * {@code dump} halfway, as the pusher's split makes them), while threads run deep Java stacks,
 * lambdas, native file writes, allocations of many classes, contended monitors and sleeps.
 * Usage: {@code JfrRecordingsMain <dir> <millis per chunk>}; prints one line per file written.
 */
public final class JfrRecordingsMain {
    private static volatile boolean running = true;
    private static final Object MONITOR = new Object();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long millis = Long.parseLong(args[1]);
        List<Thread> threads = new ArrayList<>();
        threads.add(start("compute-deep", () -> deep(40, n -> n * 31 + 7)));
        threads.add(start("compute-lambda", () -> deep(12, n -> List.of(n, n + 1).stream().mapToInt(i -> i * i).sum())));
        threads.add(start("writer", JfrRecordingsMain::writeFiles));
        threads.add(start("allocator", JfrRecordingsMain::allocate));
        for (int i = 0; i < 3; i++) {
            threads.add(start("contender-" + i, JfrRecordingsMain::contend));
        }
        threads.add(start("sleeper", JfrRecordingsMain::sleep));
        AsyncProfilerLibrary library = AsyncProfilerLibrary.load(ForeignAsyncProfiler.ofThisProcess());
        for (String event : List.of("cpu", "wall", "alloc", "lock")) {
            Path file = dir.resolve(event + ".jfr");
            String started = startEvent(library, event, file);
            Thread.sleep(millis);
            library.execute("dump,jfr");
            Thread.sleep(millis);
            library.execute("stop");
            System.out.println("recorded " + event + " (" + started + ") " + Files.size(file) + " bytes");
        }
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String startEvent(AsyncProfilerLibrary library, String event, Path file) throws IOException {
        List<String> tries = event.equals("cpu") ? List.of("cpu", "itimer") : List.of(event);
        IllegalStateException last = null;
        for (String e : tries) {
            String options = e.equals("alloc") ? "alloc=64k" : e.equals("lock") ? "lock=0" : "interval=5ms";
            try {
                library.execute("start,event=" + e + "," + options + ",jfr,file=" + file);
                return e;
            } catch (IllegalStateException failed) {
                last = failed;
            }
        }
        throw last;
    }

    private static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void deep(int depth, IntUnaryOperator op) {
        while (running) {
            sink += recurse(depth, op, 1);
        }
    }

    private static long recurse(int depth, IntUnaryOperator op, int n) {
        if (depth == 0) {
            long sum = 0;
            for (int i = 0; i < 20_000; i++) {
                sum += op.applyAsInt(n + i);
            }
            return sum;
        }
        return recurse(depth - 1, op, n + 1) + 1;
    }

    private static void writeFiles() {
        try {
            Path file = Files.createTempFile("jfr-recordings-", ".bin");
            byte[] block = new byte[64 << 10];
            try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                while (running) {
                    out.seek(0);
                    out.write(block);
                    out.getFD().sync();
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void allocate() {
        ConcurrentHashMap<Integer, Object> map = new ConcurrentHashMap<>();
        int i = 0;
        while (running) {
            i++;
            map.put(i % 10_000, switch (i % 4) {
                case 0 -> new byte[1 + i % 4096];
                case 1 -> new long[1 + i % 512];
                case 2 -> "s" + i;
                default -> new ArrayList<>(List.of(i, i + 1));
            });
        }
    }

    private static void contend() {
        while (running) {
            synchronized (MONITOR) {
                LockSupport.parkNanos(200_000);
            }
        }
    }

    private static void sleep() {
        while (running) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
