package dev.pprof4j.report.leaks.detect;

/**
 * When growth counts as a leak: growth that does not fall back, judged as a trend over the
 * window, because real traffic comes in bursts and a leak grows only while requests arrive.
 *
 * <p>A series (one value per snapshot) is a leak when all of these hold:
 * <ul>
 *   <li>after the first {@code warmupIntervals} intervals (a lazily filled pool or a one-off
 *   table lands there) it rose by at least the floor, in at least two intervals;</li>
 *   <li>it never fell back below an earlier high by more than noise (garbage comes and goes;
 *   leaked threads and leaked bytes stay): noise is half the floor or a tenth of the rise;</li>
 *   <li>either it grew in every judged interval, or the rounds rank as an upward trend
 *   (Mann-Kendall, one-sided p at most {@link #TREND_P}): flat rounds, an idle gap in the
 *   traffic, are allowed;</li>
 *   <li>it did not stop: growth followed by a flat tail at least two intervals long and
 *   longer than the growth took is a pool or a cache that reached its bound;</li>
 *   <li>for the heap sampler's estimates, where the source counts what the site allocated: the
 *   rise is more than replacing what the site holds moves the estimate by. A cache at its
 *   bound keeps allocating while it holds the same bytes; every object it replaces takes a
 *   sample away or adds one, so its estimate wanders by about sqrt(2 · replaced · period).
 *   A leak keeps what it allocates, and replaces little.</li>
 *   <li>for estimates that hold old garbage until a collection of the old generation (the
 *   agent's history, which runs no GC of its own): a reading right after such a collection
 *   confirms the rise ({@link #confirmedAfterOldCollection}). Between two of them a cache
 *   at its bound climbs by what it allocates, as a leak does.</li>
 * </ul>
 *
 * @param warmupIntervals intervals at the start that are not judged (reduced when fewer
 *     than two judged intervals would remain)
 * @param minThreads threads the judged intervals must add in all
 * @param minBytes bytes the judged intervals must add in all
 */
public record LeakCriteria(int warmupIntervals, long minThreads, long minBytes) {
    /** Two threads; 2 MiB, four of the heap sampler's mean periods, so two lucky samples are not a leak. */
    public static final LeakCriteria DEFAULT = new LeakCriteria(1, 2, 2L << 20);

    /** Fewest snapshots that can show growth: two judged intervals. */
    public static final int MIN_SNAPSHOTS = 3;

    /** The trend test's level: a series with no trend passes it 5 times in 100 at most (before the other rules). */
    public static final double TREND_P = 0.05;

    public LeakCriteria {
        if (warmupIntervals < 0 || minThreads < 1 || minBytes < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and minimums >= 1");
        }
    }

    /** The index of the first snapshot judged against, for a series of {@code snapshots}. */
    int firstJudged(int snapshots) {
        int intervals = snapshots - 1;
        return Math.max(0, Math.min(warmupIntervals, intervals - 2));
    }

    /** The heap sampler's mean period (Go's and the agent's default), for a source that does not say. */
    static final long SAMPLING_PERIOD = 512 << 10;

    /**
     * How many standard deviations of the wander that replacing held objects causes the rise
     * must pass (one-sided, 2 in 100 for a cache at its bound, before the other rules).
     */
    static final double REPLACED_Z = 2.0;

    /** True when {@code values} (one per snapshot, counted exactly) is a leak by these criteria. */
    boolean grows(long[] values, long floor) {
        return judge(values, floor, 0).leak();
    }

    /**
     * Judges {@code values} (one per snapshot) against a {@code floor} on the rise.
     *
     * @param samplingPeriod for the heap sampler's estimates (live heap by site), its mean bytes
     *     between samples; 0 for exact counts. An estimate of X live bytes whose objects were
     *     all replaced moves by about sqrt(X · period): the rise must pass that too, and a step
     *     within noise is not growth
     */
    Trend judge(long[] values, long floor, long samplingPeriod) {
        return judge(values, floor, samplingPeriod, null);
    }

    /**
     * Judges {@code values} as {@link #judge(long[], long, long)} does, and, for the sampler's
     * estimates, against what replacing held objects moves them by.
     *
     * @param allocated the bytes the site had allocated by each snapshot (cumulative, as the
     *     heap profile's {@code alloc_space}); null when the source does not say
     */
    Trend judge(long[] values, long floor, long samplingPeriod, long[] allocated) {
        boolean counted = samplingPeriod > 0 && allocated != null && allocated.length == values.length;
        Trend trend = judgeRise(values, floor, samplingPeriod, counted ? allocated : null);
        if (!trend.leak() || !counted) {
            return trend;
        }
        int from = firstJudged(values.length);
        long rise = values[values.length - 1] - values[from];
        long replaced = replaced(values, allocated, from);
        boolean churned = replaced > 0 && rise < REPLACED_Z * Math.sqrt(2.0 * replaced * samplingPeriod);
        return churned ? new Trend(trend.intervals(), trend.grew(), trend.p(), trend.fellBack(), trend.stalled(), false)
                : trend;
    }

    /**
     * Whether a reading right after a collection of the old generation shows the rise, for
     * estimates that count a site's dead objects until such a collection. Between two of them
     * a cache at its bound climbs by what it allocates, as a leak does; at a reading right
     * after one its evicted entries are gone (but for what died in the rest of that interval)
     * and it is back at its bound, where a leak still holds all it kept. Confirmed when such a
     * reading, after the first judged snapshot and an interval of growth, exceeds the first
     * judged snapshot by the floor and by twice the wander that replacing held objects
     * causes ({@link #REPLACED_Z}).
     *
     * <p>Why not a bound that is certain (the reading less all the site allocated in the
     * collection's interval, which may all be garbage): under bursty traffic the old
     * generation is collected while the requests that leak run, and that bound then takes a
     * whole burst away from a leak; the calibration found it a loss of true positives for
     * nothing a cache at its bound needed.
     *
     * @param afterOld per snapshot, whether an old collection ran since the previous one
     * @param allocated cumulative bytes the site allocated by each snapshot
     */
    boolean confirmedAfterOldCollection(long[] values, long[] allocated, boolean[] afterOld, long floor,
            long samplingPeriod) {
        int from = firstJudged(values.length);
        for (int j = from + 2; j < values.length; j++) {
            if (!afterOld[j]) {
                continue;
            }
            long rise = values[j] - values[from];
            long[] span = java.util.Arrays.copyOfRange(values, from, j + 1);
            long[] madeInSpan = java.util.Arrays.copyOfRange(allocated, from, j + 1);
            double wander = REPLACED_Z * Math.sqrt(2.0 * replaced(span, madeInSpan, 0) * samplingPeriod);
            if (rise >= floor && rise > wander) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bytes the site held at a snapshot and replaced by the next, over the judged intervals:
     * in each, what it allocated beyond its rise, but no more than it held at the start (what
     * is allocated and dropped within an interval is collected before the next snapshot and
     * never moves the estimate). 0 when the counts went back (the sampler was reset).
     */
    static long replaced(long[] values, long[] allocated, int from) {
        long replaced = 0;
        for (int i = from + 1; i < values.length; i++) {
            long made = allocated[i] - allocated[i - 1];
            if (made < 0) {
                return 0;
            }
            long kept = Math.max(0, values[i] - values[i - 1]);
            replaced += Math.min(Math.max(0, made - kept), Math.max(0, values[i - 1]));
        }
        return replaced;
    }

    /**
     * The wander of a sampled estimate over one interval in which the site replaced what it
     * held: the threshold a step must pass to count as growth (0 without allocation counts).
     */
    private static double replacementNoise(long[] values, long[] allocated, int i, long samplingPeriod) {
        if (allocated == null) {
            return 0;
        }
        long[] one = {values[i - 1], values[i]};
        long[] made = {allocated[i - 1], allocated[i]};
        return REPLACED_Z * Math.sqrt(2.0 * replaced(one, made, 0) * samplingPeriod);
    }

    private Trend judgeRise(long[] values, long floor, long samplingPeriod, long[] allocated) {
        boolean sampled = samplingPeriod > 0;
        int n = values.length;
        int intervals = Math.max(0, n - 1);
        if (n < MIN_SNAPSHOTS) {
            return new Trend(intervals, 0, 1, false, false, false);
        }
        int from = firstJudged(n);
        long rise = values[n - 1] - values[from];
        long highest = 0;
        for (long v : values) {
            highest = Math.max(highest, v);
        }
        long samplingNoise = sampled ? (long) Math.sqrt((double) highest * samplingPeriod) : 0;
        // A dip within noise is not falling back. A step smaller than a quarter of the floor
        // (nothing for threads) is not growth, nor, for the sampler's estimates, a step within noise.
        long noise = Math.max(floor / 2, rise / 10);
        long step = sampled ? noise : floor / 4;
        int grew = 0;
        int grewJudged = 0;
        int firstGrowth = -1;
        int lastGrowth = -1;
        boolean fellBack = false;
        long high = values[0];
        long drawdown = 0;
        for (int i = 1; i < n; i++) {
            // With allocation counts, a step no bigger than replacing held objects moves the
            // estimate is a cache at its bound wandering, not growth: its flat tail shows.
            long moved = values[i] - values[i - 1];
            if (moved > step && moved > replacementNoise(values, allocated, i, samplingPeriod)) {
                grew++;
                if (i > from) {
                    grewJudged++;
                    firstGrowth = firstGrowth < 0 ? i : firstGrowth;
                    lastGrowth = i;
                }
            }
            if (i > from) {
                drawdown = Math.max(drawdown, high - values[i]);
                fellBack |= values[i] < high - noise;
            }
            high = Math.max(high, values[i]);
        }
        if (from > 0 && values[from] < values[0] - noise) {
            fellBack = true;
        }
        boolean everyInterval = grewJudged == n - 1 - from;
        double p = MannKendall.upwardP(values, 0);
        int flatTail = lastGrowth < 0 ? 0 : n - 1 - lastGrowth;
        boolean stalled = lastGrowth > 0 && flatTail >= 2 && flatTail > lastGrowth - from;
        // A rise no bigger than twice the series' own dips is the estimate wandering, not a leak.
        boolean leak = rise >= floor && rise >= samplingNoise && rise >= 2 * drawdown && grew >= 2 && grewJudged >= 1 && !fellBack && !stalled
                && (everyInterval || p <= TREND_P);
        return new Trend(intervals, grew, p, fellBack, stalled, leak);
    }
}
