package dev.pprof4j.report.gate;

/**
 * One metric in the baseline and in the current result.
 *
 * @param name what was measured: a function, a benchmark and its metric, or the total
 * @param unit the values' unit, e.g. {@code bytes} or {@code ns/op}
 * @param higherIsWorse false for throughput, where a drop is the regression
 * @param regressed whether this metric alone fails the gate
 */
public record Comparison(String name, String unit, double baseline, double current, boolean higherIsWorse,
        boolean regressed) {

    /** The change as a fraction of the baseline, signed so that positive is worse; infinite from 0. */
    public double worsening() {
        double delta = higherIsWorse ? current - baseline : baseline - current;
        if (baseline == 0) {
            return delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta);
        }
        return delta / Math.abs(baseline);
    }
}
