package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assertions every CPU truth test makes, with a report that shows all numbers on failure. */
final class CpuTruthCheck {
    static final double TOLERANCE_POINTS = 5;
    static final double MIN_SAMPLES_DUE = 0.90;
    static final double MAX_SAMPLES_DUE = 1.10;

    private CpuTruthCheck() {
    }

    static void check(String childOutput, String pprofTop, long intervalNanos, String engine) {
        check(childOutput, pprofTop, intervalNanos, engine, MAX_SAMPLES_DUE);
    }

    static void check(String childOutput, String pprofTop, long intervalNanos, String engine, double maxSamplesDue) {
        PprofTop top = new PprofTop(pprofTop);
        CpuTruth truth = CpuTruth.parse(childOutput);
        String prefix = CpuTruthWorkload.class.getName() + ".";
        long alpha = top.cum(prefix + "alpha");
        long beta = top.cum(prefix + "beta");
        double alphaTruth = truth.methodCpu(CpuTruthWorkload.ALPHA);
        double betaTruth = truth.methodCpu(CpuTruthWorkload.BETA);
        double due = (alphaTruth + betaTruth) / intervalNanos;
        long got = alpha + beta;
        StringBuilder report = new StringBuilder(engine).append(": ")
                .append(String.format("samples %d of %.0f due (%.1f%%); ", got, due, 100 * got / due))
                .append(String.format("alpha %.1f%% (truth %.1f%%)", 100.0 * alpha / got, 100 * alphaTruth / (alphaTruth + betaTruth)));
        boolean sharesOk = Math.abs(100.0 * alpha / got - 100 * alphaTruth / (alphaTruth + betaTruth)) <= TOLERANCE_POINTS;
        for (int i = 0; i < CpuTruthWorkload.LOOPS.length; i++) {
            String loop = CpuTruthWorkload.LOOPS[i];
            double share = 100.0 * top.cum(prefix + loop) / got;
            double shareTruth = 100 * truth.loopCpu(i) / (alphaTruth + betaTruth);
            // The loops are smaller slices than the methods, so on a busy machine (few samples)
            // their counts carry sampling noise beyond 5 points; allow three standard errors.
            double p = shareTruth / 100;
            double tolerance = Math.max(TOLERANCE_POINTS, 300 * Math.sqrt(p * (1 - p) / got));
            report.append(String.format(", %s %.1f%% (truth %.1f%% ±%.1f)", loop, share, shareTruth, tolerance));
            sharesOk &= Math.abs(share - shareTruth) <= tolerance;
        }
        System.out.println(report);
        String detail = report + "\n" + pprofTop;
        assertTrue(got > 0 && got >= MIN_SAMPLES_DUE * due && got <= maxSamplesDue * due, "sample count off: " + detail);
        assertTrue(sharesOk, "a share is off by more than its tolerance: " + detail);
    }
}
