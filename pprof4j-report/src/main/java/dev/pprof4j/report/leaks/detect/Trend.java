package dev.pprof4j.report.leaks.detect;

import java.util.Locale;

/**
 * How a series of rounds was judged, and how sure the verdict is.
 *
 * @param intervals the intervals between the snapshots (one fewer than the values)
 * @param grew the intervals in which it grew by more than noise, warm-up included
 * @param p the one-sided p-value of an upward trend (Mann-Kendall over every round): the
 *     chance that a series with no trend ranks this high
 * @param fellBack true when it fell back below an earlier high by more than noise
 * @param stalled true when it grew for a while and then stayed flat for longer than it grew,
 *     under traffic or not: a pool or cache reaching its bound
 * @param leak the verdict
 */
public record Trend(int intervals, int grew, double p, boolean fellBack, boolean stalled, boolean leak) {

    /** {@code grew in 4 of 5 intervals, never fell back, trend p=0.003}. */
    public String summary() {
        StringBuilder out = new StringBuilder("grew in ").append(grew).append(" of ").append(intervals)
                .append(intervals == 1 ? " interval" : " intervals");
        out.append(fellBack ? ", fell back" : ", never fell back");
        if (stalled) {
            out.append(", then stopped");
        }
        return out.append(", trend p=").append(pText()).toString();
    }

    /** The p-value with two significant digits at most: {@code 0.003}, {@code 0.045}, {@code <0.001}. */
    public String pText() {
        if (p < 0.001) {
            return "<0.001";
        }
        return String.format(Locale.ROOT, p < 0.01 ? "%.3f" : "%.2f", p);
    }
}
