package dev.pprof4j.report.leaks.detect;

/**
 * The Mann-Kendall test for an upward trend: over every pair of rounds, does the later one
 * tend to be higher? It uses ranks only, so one big burst weighs no more than a small step,
 * and a flat stretch (an idle gap in the traffic) adds ties rather than evidence against a
 * leak. The p-value is the normal approximation with the variance corrected for ties and a
 * continuity correction (Kendall 1975), one-sided: the chance of a statistic this high in a
 * series with no trend.
 */
final class MannKendall {
    private MannKendall() {
    }

    /** One-sided p-value of an upward trend in {@code values[from..]}; 1 when nothing can be said. */
    static double upwardP(long[] values, int from) {
        int n = values.length - from;
        if (n < 3) {
            return 1;
        }
        long s = 0;
        for (int i = from; i < values.length; i++) {
            for (int j = i + 1; j < values.length; j++) {
                s += Long.signum(values[j] - values[i]);
            }
        }
        double variance = n * (n - 1.0) * (2.0 * n + 5);
        // Ties: each group of t equal values takes t(t-1)(2t+5) out of the variance.
        long[] sorted = java.util.Arrays.copyOfRange(values, from, values.length);
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            long t = j - i;
            variance -= t * (t - 1.0) * (2.0 * t + 5);
            i = j;
        }
        variance /= 18;
        if (s <= 0 || variance <= 0) {
            return 1;
        }
        double z = (s - 1) / Math.sqrt(variance);
        return upperTail(z);
    }

    /** P(Z > z) for a standard normal Z (Abramowitz and Stegun 7.1.26 on erfc; error < 1.5e-7). */
    static double upperTail(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return z >= 0 ? erfc / 2 : 1 - erfc / 2;
    }
}
