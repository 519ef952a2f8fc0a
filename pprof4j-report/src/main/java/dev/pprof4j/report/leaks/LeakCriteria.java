package dev.pprof4j.report.leaks;

/**
 * When growth counts as a leak.
 *
 * <p>A leak grows in every interval; warm-up grows once and stops, and garbage comes and
 * goes. So the first {@code warmupIntervals} intervals are not judged (a lazily filled
 * pool or a one-off table lands there), every later interval must grow, and the growth
 * over the judged intervals must reach a floor so that the noise of objects in flight at
 * the moment of a GC cannot pass for a leak.
 *
 * @param warmupIntervals intervals at the start that are not judged (reduced when fewer
 *     than two judged intervals would remain)
 * @param minThreads threads the judged intervals must add in all
 * @param minBytes bytes the judged intervals must add in all
 */
public record LeakCriteria(int warmupIntervals, long minThreads, long minBytes) {
    /** Two threads; 2 MiB, four of the heap sampler's mean periods, so two lucky samples are not a leak. */
    public static final LeakCriteria DEFAULT = new LeakCriteria(1, 2, 2L << 20);

    /** Fewest snapshots that can show growth "in every round": two judged intervals. */
    public static final int MIN_SNAPSHOTS = 3;

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

    /** True when {@code values} (one per snapshot) grew in every judged interval by enough in all. */
    boolean grows(long[] values, long floor) {
        int from = firstJudged(values.length);
        if (values.length - from < 3) {
            return false;
        }
        for (int i = from + 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                return false;
            }
        }
        return values[values.length - 1] - values[from] >= floor;
    }
}
