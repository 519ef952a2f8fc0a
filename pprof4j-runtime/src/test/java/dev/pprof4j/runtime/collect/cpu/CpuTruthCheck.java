package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assertions every CPU truth test makes, with a report that shows all numbers on failure. */
final class CpuTruthCheck {
    static final double TOLERANCE_POINTS = 5;
    static final double MIN_SAMPLES_DUE = 0.90;
    static final double MAX_SAMPLES_DUE = 1.10;

    private CpuTruthCheck() {
    }

    /**
     * 5 points, or three standard errors of a share estimated from {@code samples} samples
     * when that is more. When the worker gets a whole core (about 850 samples) the two agree;
     * on a machine so busy that the worker gets a few hundred samples, every stretch of work
     * gets about one sample and the split carries that much honest sampling noise.
     */
    static double tolerance(double share, long samples) {
        return Math.max(TOLERANCE_POINTS, 300 * Math.sqrt(share * (1 - share) / Math.max(samples, 1)));
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
        double alphaShareTruth = alphaTruth / (alphaTruth + betaTruth);
        double alphaTolerance = tolerance(alphaShareTruth, got);
        report.append(String.format(" ±%.1f", alphaTolerance));
        boolean sharesOk = Math.abs(100.0 * alpha / got - 100 * alphaShareTruth) <= alphaTolerance;
        for (int i = 0; i < CpuTruthWorkload.LOOPS.length; i++) {
            String loop = CpuTruthWorkload.LOOPS[i];
            double share = 100.0 * top.cum(prefix + loop) / got;
            double shareTruth = 100 * truth.loopCpu(i) / (alphaTruth + betaTruth);
            double tolerance = tolerance(shareTruth / 100, got);
            report.append(String.format(", %s %.1f%% (truth %.1f%% ±%.1f)", loop, share, shareTruth, tolerance));
            sharesOk &= Math.abs(share - shareTruth) <= tolerance;
        }
        System.out.println(report);
        String detail = report + "\n" + pprofTop;
        assertTrue(got > 0 && got >= MIN_SAMPLES_DUE * due && got <= maxSamplesDue * due, "sample count off: " + detail);
        assertTrue(sharesOk, "a share is off by more than its tolerance: " + detail);
    }
}
