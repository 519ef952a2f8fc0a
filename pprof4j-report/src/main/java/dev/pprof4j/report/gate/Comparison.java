package dev.pprof4j.report.gate;

/**
 * One metric in the baseline and in the current result.
 *
 * @param name what was measured: a function, a benchmark and its metric, or the total
 * @param unit the values' unit, e.g. {@code bytes} or {@code ns/op}
 * @param higherIsWorse false for throughput, where a drop is the regression
 * @param regressed whether this metric alone fails the gate
 * @param reference what the threshold is a share of: the metric's own baseline, or for a
 *     function of a profile the baseline profile's total (a function going from 3 to 6 samples
 *     of 1 000 is 0.3 % of the program, not a 100 % regression)
 */
public record Comparison(String name, String unit, double baseline, double current, boolean higherIsWorse,
        boolean regressed, double reference) {

    /** A metric judged against its own baseline. */
    public Comparison(String name, String unit, double baseline, double current, boolean higherIsWorse,
            boolean regressed) {
        this(name, unit, baseline, current, higherIsWorse, regressed, baseline);
    }

    /** Whether the change is judged against something other than the metric's own baseline. */
    public boolean sharesAReference() {
        return reference != baseline;
    }

    /** The change as a fraction of the baseline, signed so that positive is worse; infinite from 0. */
    public double worsening() {
        double delta = higherIsWorse ? current - baseline : baseline - current;
        if (baseline == 0) {
            return delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta);
        }
        return delta / Math.abs(baseline);
    }
}
