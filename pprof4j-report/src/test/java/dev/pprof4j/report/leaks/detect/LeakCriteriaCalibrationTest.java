package dev.pprof4j.report.leaks.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The criterion's true- and false-positive rates on the traffic shapes a service sees,
 * generated with random timing and the heap sampler's own noise (an estimate of X live bytes
 * sampled every 512 KiB has a standard deviation of about sqrt(X · 512 KiB)), over
 * {@link #RUNS} series for each shape and each window: a live hunt of 5 rounds (the default)
 * and of 8, and 8 snapshots of history (an 8 s {@code --since} at {@code history=1s}), all of
 * which count what each site allocated; the history's estimates also hold old garbage not yet
 * collected. It prints the table that docs/LEAKS.md shows, with the history judged on in-use
 * bytes alone (an older agent's) beside it; the bounds below are what the docs promise.
 */
class LeakCriteriaCalibrationTest {
    static final int RUNS = 1000;
    private static final long MIB = 1L << 20;
    private static final long PERIOD = 512 << 10;

    /** A traffic shape: the true value at each snapshot, drawn afresh for each run. */
    interface Shape {
        long[] truth(int snapshots, Random random);
    }

    /** A steady leak: 1–3 MiB a round. */
    static long[] steady(int n, Random r) {
        long[] v = new long[n];
        long rate = MIB + r.nextInt(2 * (int) MIB);
        for (int i = 1; i < n; i++) {
            v[i] = v[i - 1] + rate + r.nextInt((int) (rate / 2));
        }
        return v;
    }

    /** Bursts of requests, each one round long or less, with idle gaps of one to two rounds between them. */
    static long[] bursty(int n, Random r) {
        long[] v = new long[n];
        int nextBurst = r.nextInt(2);
        for (int i = 1; i < n; i++) {
            v[i] = v[i - 1];
            if (i >= nextBurst) {
                v[i] += 2 * MIB + r.nextInt(3 * (int) MIB);
                nextBurst = i + 2 + r.nextInt(2);
            }
        }
        return v;
    }

    /** Load that ramps up: the leak's rate grows round after round from next to nothing. */
    static long[] ramp(int n, Random r) {
        long[] v = new long[n];
        for (int i = 1; i < n; i++) {
            v[i] = v[i - 1] + (long) (i * (0.5 + r.nextDouble()) * MIB);
        }
        return v;
    }

    /** A burst of leaking requests, then silence for the last one or two intervals. */
    static long[] burstThenSilence(int n, Random r) {
        long[] v = new long[n];
        int silentFrom = n - 1 - r.nextInt(2);
        for (int i = 1; i < n; i++) {
            v[i] = v[i - 1] + (i < silentFrom ? MIB + r.nextInt(2 * (int) MIB) : 0);
        }
        return v;
    }

    /** A cache that fills to its bound (10–40 MiB) within the first two rounds and then evicts. */
    static long[] boundedCache(int n, Random r) {
        long[] v = new long[n];
        long bound = (10 + r.nextInt(30)) * MIB;
        int filledAt = 1 + r.nextInt(2);
        for (int i = 1; i < n; i++) {
            v[i] = i >= filledAt ? bound : bound * i / filledAt;
        }
        return v;
    }

    /** A cache at its bound (10–40 MiB) from the window's start: a long-running service's. */
    static long[] cacheAtBound(int n, Random r) {
        long[] v = new long[n];
        java.util.Arrays.fill(v, (10 + r.nextInt(30)) * MIB);
        return v;
    }

    /** A thread pool of 8–32 that starts its threads on the first requests. */
    static long[] poolWarmingUp(int n, Random r) {
        long[] v = new long[n];
        long size = 8 + r.nextInt(24);
        int full = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            v[i] = 2 + (i >= full ? size : size * i / full / 2);
        }
        return v;
    }

    /** No leak: a steady 50 MiB, seen through the sampler. */
    static long[] flat(int n, Random r) {
        long[] v = new long[n];
        java.util.Arrays.fill(v, 50 * MIB);
        return v;
    }

    /**
     * GC timing: what garbage the history sees depends on when the last collection ran (0–20 MiB
     * of it). The history judges heap only over a window that holds a collection, so one runs
     * at a random interval, and others now and then.
     */
    static long[] garbage(int n, Random r) {
        long[] v = new long[n];
        long since = r.nextInt(8 * (int) MIB);
        int collection = 1 + r.nextInt(n - 1);
        for (int i = 0; i < n; i++) {
            since = i == collection || r.nextInt(3) == 0 ? 0 : since + r.nextInt(8 * (int) MIB);
            v[i] = 30 * MIB + Math.min(since, 20 * MIB);
        }
        return v;
    }

    /**
     * What the sampler shows of a site: its in-use estimate and its allocation count
     * (cumulative), per snapshot, and the in-use estimate the agent's history records, which
     * also counts the sampled objects that died since the last collection.
     */
    record Seen(long[] inUse, long[] allocated, long[] historyInUse, boolean[] afterOldCollection) {
    }

    /**
     * The sampler's estimate of each true value, as the sampler makes it: a sample taken about
     * every 512 KiB stays counted while its object lives, so new bytes add Poisson-many samples,
     * freed bytes remove a binomial share of them, and {@code churn} (the share of the live
     * bytes replaced each round, as a cache evicts) moves the estimate of a flat heap. The
     * allocation count adds every sample drawn, also of {@code garbage} (bytes made and dropped
     * within a round, per byte kept: a request's temporary buffers at the leaking site).
     *
     * <p>The history runs no GC before a snapshot: a sampled object that died after it reached
     * the old generation (a cache's evicted entry, a freed part of a steady heap) stays counted
     * until a collection of the old generation reclaims it. One runs in a random interval of
     * the window (the hunt judges the history's heap only over a window that holds one),
     * others in a third of the intervals, each at a random moment of its interval: what died
     * after it in that interval is still counted at the next snapshot. These are drawn from
     * {@code gc} so that the live estimates do not depend on them. A request's garbage dies
     * young and young collections, many a second under load, take it before the next snapshot.
     */
    static Seen sampled(long[] truth, double churn, double garbage, Random r, Random gc) {
        long[] v = new long[truth.length];
        long[] made = new long[truth.length];
        long[] history = new long[truth.length];
        boolean[] afterOld = new boolean[truth.length];
        long samples = poisson(truth[0] / (double) PERIOD, r);
        long drawn = samples;
        long dead = 0;
        int collection = 1 + gc.nextInt(truth.length - 1);
        v[0] = samples * PERIOD;
        made[0] = drawn * PERIOD;
        history[0] = v[0];
        for (int i = 1; i < v.length; i++) {
            long before = truth[i - 1];
            long change = truth[i] - before;
            double freed = before == 0 ? 0 : Math.min(1, churn + Math.max(0, -change) / (double) before);
            long died = binomial(samples, freed, r);
            samples -= died;
            long fresh = poisson((churn * before + Math.max(0, change)) / PERIOD, r);
            samples += fresh;
            long dropped = poisson(garbage * Math.max(0, change) / PERIOD, r);
            drawn += fresh + dropped;
            afterOld[i] = i == collection || gc.nextInt(3) == 0;
            dead = afterOld[i] ? binomial(died, gc.nextDouble(), gc) : dead + died;
            v[i] = samples * PERIOD;
            made[i] = drawn * PERIOD;
            history[i] = (samples + dead) * PERIOD;
        }
        return new Seen(v, made, history, afterOld);
    }

    static long poisson(double mean, Random r) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + r.nextGaussian() * Math.sqrt(mean)));
        }
        double limit = Math.exp(-mean);
        long k = 0;
        for (double p = r.nextDouble(); p > limit; p *= r.nextDouble()) {
            k++;
        }
        return k;
    }

    static long binomial(long n, double p, Random r) {
        if (n > 30) {
            double mean = n * p;
            return Math.max(0, Math.min(n, Math.round(mean + r.nextGaussian() * Math.sqrt(mean * (1 - p)))));
        }
        long k = 0;
        for (long i = 0; i < n; i++) {
            k += r.nextDouble() < p ? 1 : 0;
        }
        return k;
    }

    /**
     * The shares of {@link #RUNS} series judged a leak: by a live hunt, by the agent's history
     * (its estimates with uncollected garbage, the same allocation counts), by the history
     * without allocation counts (an older agent's), and by "grew in every round".
     */
    static double[] leakRates(Row row, int snapshots, long seed) {
        Random random = new Random(seed);
        Random gc = new Random(-seed);
        int live = 0;
        int history = 0;
        int historyUnconfirmed = 0;
        int historyInUseOnly = 0;
        int everyRound = 0;
        LeakCriteria c = LeakCriteria.DEFAULT;
        long floor = row.threads() ? c.minThreads() : c.minBytes();
        for (int run = 0; run < RUNS; run++) {
            long[] truth = row.shape().truth(snapshots, random);
            Seen seen = row.threads() ? new Seen(truth, null, truth, null)
                    : sampled(truth, row.churn(), row.garbage(), random, gc);
            long period = row.threads() ? 0 : PERIOD;
            live += c.judge(seen.inUse(), floor, period, seen.allocated()).leak() ? 1 : 0;
            // Threads are counted exactly; the heap's history must be confirmed after an old collection.
            boolean trend = c.judge(seen.historyInUse(), floor, period, seen.allocated()).leak();
            history += trend && (row.threads() || c.confirmedAfterOldCollection(seen.historyInUse(), seen.allocated(),
                    seen.afterOldCollection(), floor, period)) ? 1 : 0;
            historyUnconfirmed += trend ? 1 : 0;
            historyInUseOnly += c.judge(seen.historyInUse(), floor, period, null).leak() ? 1 : 0;
            everyRound += grewInEveryRound(seen.inUse(), floor) ? 1 : 0;
        }
        return new double[] {(double) live / RUNS, (double) history / RUNS, (double) historyInUseOnly / RUNS,
            (double) everyRound / RUNS, (double) historyUnconfirmed / RUNS};
    }

    /** The rule the trend replaced: growth in every interval after the first, by the floor in all. */
    static boolean grewInEveryRound(long[] v, long floor) {
        for (int i = 2; i < v.length; i++) {
            if (v[i] <= v[i - 1]) {
                return false;
            }
        }
        return v[v.length - 1] - v[1] >= floor;
    }

    /**
     * @param churn the share of live bytes a round replaces (0 for threads, which are counted exactly)
     * @param garbage bytes the site allocates and drops within a round, per byte it keeps
     * @param bounds what the docs promise: at least (a leak) or at most (no leak) this share
     *     for a live hunt of 5 and of 8 rounds, and for 8 snapshots of history
     */
    record Row(String name, Shape shape, boolean leak, boolean threads, double churn, double garbage, double... bounds) {
    }

    @Test
    void trueAndFalsePositivesOnEveryTrafficShape() {
        // Each leaking site also makes a quarter as much garbage as it keeps, which its
        // allocation counts include: a request's temporary buffers at the same method.
        Row[] rows = {
            new Row("steady leak", LeakCriteriaCalibrationTest::steady, true, false, 0, 0.25, 0.84, 0.95, 0.90),
            new Row("bursty leak, idle gaps of 1-2 rounds", LeakCriteriaCalibrationTest::bursty, true, false, 0, 0.25,
                    0.74, 0.89, 0.78),
            new Row("leak under a ramp", LeakCriteriaCalibrationTest::ramp, true, false, 0, 0.25, 0.89, 0.99, 0.93),
            new Row("leak: a burst, then silence", LeakCriteriaCalibrationTest::burstThenSilence, true, false, 0, 0.25,
                    0.25, 0.85, 0.80),
            new Row("no leak: flat", LeakCriteriaCalibrationTest::flat, false, false, 0.2, 0, 0.02, 0.02, 0.02),
            new Row("no leak: GC timing (history)", LeakCriteriaCalibrationTest::garbage, false, false, 0.2, 0,
                    0.03, 0.02, 0.02),
            new Row("no leak: cache reaching its bound", LeakCriteriaCalibrationTest::boundedCache, false, false, 0.2, 0,
                    0.07, 0.05, 0.11),
            new Row("no leak: pool warming up (threads)", LeakCriteriaCalibrationTest::poolWarmingUp, false, true, 0, 0,
                    0.01, 0.01, 0.01),
            new Row("no leak: cache at its bound all along", LeakCriteriaCalibrationTest::cacheAtBound, false, false,
                    0.2, 0, 0.01, 0.01, 0.01),
        };
        StringBuilder table = new StringBuilder("| shape | should be | live hunt, 5 rounds | live hunt, 8 rounds"
                + " | `--since`, 8 snapshots | `--since`, not confirmed after an old collection"
                + " | `--since`, in-use bytes only | \"grew in every round\", 5 / 8 |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        StringBuilder failures = new StringBuilder();
        long seed = 1;
        for (Row row : rows) {
            double[] rates5 = leakRates(row, 5, seed++);
            double[] rates8 = leakRates(row, 8, seed++);
            table.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %.1f %% | %.1f %% | %.1f %% / %.1f %% |%n",
                    row.name(), row.leak() ? "leak" : "no leak", rate(rates5[0]), rate(rates8[0]), rate(rates8[1]),
                    100 * rates8[4], 100 * rates8[2], 100 * rates5[3], 100 * rates8[3]));
            check(row, rates5[0], row.bounds()[0], "a live hunt of 5 rounds", failures);
            check(row, rates8[0], row.bounds()[1], "a live hunt of 8 rounds", failures);
            check(row, rates8[1], row.bounds()[2], "8 snapshots of history", failures);
        }
        System.out.println("LeakCriteriaCalibrationTest, " + RUNS + " runs per cell:\n" + table);
        assertTrue(failures.length() == 0, failures + "\n" + table);
    }

    /** A rate with its binomial standard deviation over {@link #RUNS} runs. */
    private static String rate(double p) {
        return String.format(Locale.ROOT, "%.1f %% ± %.1f", 100 * p, 100 * Math.sqrt(p * (1 - p) / RUNS));
    }

    private static void check(Row row, double rate, double bound, String window, StringBuilder failures) {
        boolean ok = row.leak() ? rate >= bound : rate <= bound;
        if (!ok) {
            failures.append(String.format(Locale.ROOT, "%s, %s: %.3f, promised %s %.2f%n", row.name(),
                    window, rate, row.leak() ? ">=" : "<=", bound));
        }
    }
}
