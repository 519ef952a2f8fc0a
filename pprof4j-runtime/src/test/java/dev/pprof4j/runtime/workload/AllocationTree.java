package dev.pprof4j.runtime.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Allocation along {@link #SITES} distinct stacks of the same depth: a path of
 * {@link #LEVELS} calls, each through {@link #left} or {@link #right} by one bit of the site's
 * number, ends in {@link #allocate}. A tool that keys samples by anything coarser than the
 * frame chain (e.g. every address 0) merges them. It measures its own truth: the heap bytes of
 * every array it allocates at each site ({@code byte[n]} with n a multiple of 8 takes
 * 16 + n bytes with a 16-byte array header, the JDK 17 and 25 default on 64-bit).
 *
 * <p>Prints {@code ready}, waits for the file named by its first argument to exist, allocates
 * until every site has allocated the bytes given by the second (sites in random order, random
 * sizes; a fixed amount, not a fixed time, so a slow machine gets as many samples per site),
 * then prints {@code truth site=BYTES ...} and {@code done}, and idles. A lock contended by two
 * threads while it works feeds the block and mutex profiles.
 */
public final class AllocationTree {
    public static final int LEVELS = 6;
    public static final int SITES = 1 << LEVELS;
    static final long ARRAY_HEADER = 16;

    static volatile Object sink;
    static final Object LOCK = new Object();

    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        long bytesPerSite = Long.parseLong(args[1]);
        System.out.println("ready");
        while (!Files.exists(go)) {
            Thread.sleep(20);
        }
        long[] truth = new long[SITES];
        Thread contender = new Thread(AllocationTree::contend, "contender");
        contender.setDaemon(true);
        contender.start();
        SplittableRandom random = new SplittableRandom();
        // At most two minutes, whatever the machine: then the test reports too few samples.
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end && min(truth) < bytesPerSite) {
            int site = random.nextInt(SITES);
            int n = 8 * (8 + random.nextInt(256)); // 64 .. 2104 bytes of payload
            for (int i = 0; i < 64; i++) {
                truth[site] += ARRAY_HEADER + n;
                descend(site, 0, n);
            }
            if (random.nextInt(200) == 0) {
                synchronized (LOCK) {
                    Thread.sleep(1 + random.nextInt(3));
                }
            }
        }
        StringBuilder line = new StringBuilder("truth");
        for (int site = 0; site < SITES; site++) {
            line.append(' ').append(site).append('=').append(truth[site]);
        }
        System.out.println(line);
        System.out.println("done");
        Thread.sleep(Long.MAX_VALUE);
    }

    static long min(long[] values) {
        long min = Long.MAX_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    static void descend(int site, int level, int n) {
        if (level == LEVELS) {
            allocate(n);
        } else if ((site >> level & 1) == 0) {
            left(site, level + 1, n);
        } else {
            right(site, level + 1, n);
        }
    }

    static void left(int site, int level, int n) {
        descend(site, level, n);
    }

    static void right(int site, int level, int n) {
        descend(site, level, n);
    }

    static void allocate(int n) {
        sink = new byte[n];
    }

    /** Takes the lock in turn with main, so both wait on it now and then. */
    static void contend() {
        SplittableRandom random = new SplittableRandom();
        while (true) {
            try {
                synchronized (LOCK) {
                    Thread.sleep(1 + random.nextInt(3));
                }
                Thread.sleep(1 + random.nextInt(3));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
