package dev.pprof4j.junit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fails when code retains memory: runs a block {@code n} times per round for several
 * rounds and checks that the live heap (measured after full collections) does not grow
 * with the number of runs.
 *
 * <pre>{@code
 * HeapGrowth.assertNoGrowth(1_000, () -> service.handle(request));
 * }</pre>
 *
 * The first round is a warm-up and is not measured, so caches filled once, class loading
 * and JIT data do not count as growth. The growth per run is the Theil–Sen slope (the
 * median of the slopes between every pair of measurements), which one noisy measurement
 * cannot move; the check fails when that slope, times the runs measured, exceeds a
 * tolerance (default 1 MiB). Pick {@code n} so that a leak worth catching exceeds it:
 * 1,000 runs of a handler that keeps 1 KiB each grow 5 MiB over the default 5 rounds.
 */
public final class HeapGrowth {
    static final int ROUNDS = 5;
    static final long DEFAULT_TOLERANCE_BYTES = 1 << 20;
    private static final int MAX_COLLECTIONS = 6;

    private HeapGrowth() {
    }

    /** What the check measured: live bytes after each round, and the fitted growth per run. */
    public record Measurement(long runsPerRound, long[] liveBytes, double bytesPerRun) {
        /** Growth the fit predicts over the measured rounds. */
        public double fittedGrowthBytes() {
            return bytesPerRun * runsPerRound * (liveBytes.length - 1);
        }

        @Override
        public String toString() {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < liveBytes.length; i++) {
                points.add(String.format("%,d runs: %,d", (i + 1) * runsPerRound, liveBytes[i]));
            }
            return String.format("%,.1f bytes retained per run (%,.0f bytes over %,d runs); live heap after %s",
                    bytesPerRun, fittedGrowthBytes(), runsPerRound * (liveBytes.length - 1), String.join("; ", points));
        }
    }

    /** Fails when {@code block}'s retained memory grows with the number of runs by more than 1 MiB in all. */
    public static void assertNoGrowth(int n, Runnable block) {
        assertNoGrowth(n, DEFAULT_TOLERANCE_BYTES, block);
    }

    /** As {@link #assertNoGrowth(int, Runnable)} with the tolerance given in bytes. */
    public static void assertNoGrowth(int n, long toleranceBytes, Runnable block) {
        if (toleranceBytes < 0) {
            throw new IllegalArgumentException("assertNoGrowth: toleranceBytes " + toleranceBytes + " cannot be negative");
        }
        Measurement m = measure(n, ROUNDS, block);
        if (m.fittedGrowthBytes() > toleranceBytes) {
            throw new AssertionError(String.format("live heap grows with the number of runs, more than the %,d"
                    + " bytes tolerated: %s", toleranceBytes, m));
        }
    }

    /** Runs {@code block} {@code n} times in a warm-up round, then in {@code rounds} measured rounds. */
    public static Measurement measure(int n, int rounds, Runnable block) {
        Objects.requireNonNull(block, "block");
        if (n < 1 || rounds < 2) {
            throw new IllegalArgumentException("HeapGrowth.measure(n=" + n + ", rounds=" + rounds
                    + "): need n >= 1 and at least 2 rounds to see growth");
        }
        refuseWithoutExplicitGc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        run(n, block);
        long[] live = new long[rounds + 1];
        live[0] = liveHeapBytes(memory);
        for (int r = 1; r <= rounds; r++) {
            run(n, block);
            live[r] = liveHeapBytes(memory);
        }
        return new Measurement(n, live, theilSenSlope(live) / n);
    }

    private static void run(int n, Runnable block) {
        for (int i = 0; i < n; i++) {
            block.run();
        }
    }

    /** Heap used after full collections, repeated until it stops falling (finalizers, soft references). */
    static long liveHeapBytes(MemoryMXBean memory) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= fewest) {
                break;
            }
            fewest = used;
        }
        return fewest;
    }

    /** Median of the slopes between every pair of points (x = round index). */
    static double theilSenSlope(long[] y) {
        double[] slopes = new double[y.length * (y.length - 1) / 2];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) {
                slopes[k++] = (double) (y[j] - y[i]) / (j - i);
            }
        }
        Arrays.sort(slopes);
        int mid = slopes.length / 2;
        return slopes.length % 2 == 1 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2;
    }

    private static void refuseWithoutExplicitGc() {
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC")) {
            throw new IllegalStateException("HeapGrowth needs System.gc() to measure the live heap, and this JVM"
                    + " runs with -XX:+DisableExplicitGC; drop that flag for the test JVM");
        }
    }
}
