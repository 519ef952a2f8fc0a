package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import java.nio.file.Path;

/**
 * What the issue asks of a CPU profile, checked for each of the four loops of
 * {@link CpuTruthWorkload} on its own ({@link CpuTruthMain} takes one profile per loop):
 * {@code go tool pprof}'s reading of the profile gives alpha's and beta's shares within 5
 * points of the CPU time the workload measured, and at least 90 % of the samples that CPU
 * time was due. All numbers are printed, and shown in full on failure.
 *
 * <p>Why a few hundred samples per loop are enough for 5 points: the engines tested here
 * (perf_events cpu-clock, ctimer, itimer, {@code jdk.CPUTimeSample}) tick on CPU time at a fixed
 * interval, not at random, so a stretch of work gets its due count of samples give or take
 * about one, from its two ends (the phase of the ticks, and the kernel checking CPU timers
 * only at its own tick, which can move a sample across the end of a stretch). The error of a
 * share is then about interval / sqrt(CPU time x mean stretch), not the binomial
 * sqrt(p(1-p)/n): with 35 ms and 15 ms stretches, 20 loops on a machine at load average 20 gave
 * offsets with a standard deviation of 1.6 points; with stretches three times longer (see
 * {@link CpuTruthWorkload}) 32 loops on JDK 17 and 25, every engine, gave 0.85 (largest 2.1),
 * so 5 points is about six standard deviations.
 */
final class CpuTruthCheck {
    static final double TOLERANCE_POINTS = 5;
    static final double MIN_SAMPLES_DUE = 0.90;
    static final double MAX_SAMPLES_DUE = 1.10;

    private CpuTruthCheck() {
    }

    /**
     * Asserts that the profile's comments name the engine the agent chooses on the child's JDK
     * (async-profiler before {@link CpuEngines#JFR_SOUND_FROM}, JFR's jdk.CPUTimeSample from then
     * on), and returns the comments.
     */
    static String assertAgentEngine(Path profile) {
        String expected = ChildJvm.feature() >= CpuEngines.JFR_SOUND_FROM
                ? "engine: jfr jdk.CPUTimeSample" : "engine: async-profiler";
        String comments = GoPprof.run("-comments", profile.toString());
        assertTrue(comments.contains(expected), "expected " + expected + " in\n" + comments);
        return comments;
    }

    /** The profile {@link CpuTruthMain} wrote for loop {@code loop} with OUT {@code out}. */
    static Path profileOf(Path out, String loop) {
        return Path.of(out + "-" + loop + ".pb.gz");
    }

    static void check(String childOutput, Path out, long intervalNanos, String engine) {
        check(childOutput, out, intervalNanos, engine, MAX_SAMPLES_DUE);
    }

    static void check(String childOutput, Path out, long intervalNanos, String engine, double maxSamplesDue) {
        CpuTruth truth = CpuTruth.parse(childOutput);
        String prefix = CpuTruthWorkload.class.getName() + ".";
        StringBuilder report = new StringBuilder(engine).append(':');
        StringBuilder detail = new StringBuilder();
        boolean ok = true;
        for (int i = 0; i < CpuTruthWorkload.LOOPS.length; i++) {
            String loop = CpuTruthWorkload.LOOPS[i];
            PprofTop top = new PprofTop(GoPprof.run("-top", "-cum", "-nodecount=400", "-sample_index=samples",
                    profileOf(out, loop).toString()));
            long alpha = top.cum(prefix + "alpha");
            long beta = top.cum(prefix + "beta");
            long got = alpha + beta;
            double alphaTruth = truth.cpu(CpuTruthWorkload.ALPHA, i);
            double betaTruth = truth.cpu(CpuTruthWorkload.BETA, i);
            double due = (alphaTruth + betaTruth) / intervalNanos;
            double share = got == 0 ? 0 : 100.0 * alpha / got;
            double shareTruth = 100 * alphaTruth / (alphaTruth + betaTruth);
            boolean loopOk = got >= MIN_SAMPLES_DUE * due && got <= maxSamplesDue * due
                    && Math.abs(share - shareTruth) <= TOLERANCE_POINTS;
            ok &= loopOk;
            report.append(String.format("%n  %-13s samples %4d of %4.0f due (%5.1f%%), alpha %4.1f%% (truth %4.1f%%, off %+4.1f)"
                            + " over %d+%d stretches%s", loop, got, due, 100 * got / due, share, shareTruth, share - shareTruth,
                    truth.stretches(CpuTruthWorkload.ALPHA, i), truth.stretches(CpuTruthWorkload.BETA, i),
                    loopOk ? "" : "  <-- outside ±5 points or 90 % of samples due"));
            detail.append("\n--- ").append(loop).append('\n').append(top);
        }
        System.out.println(report);
        assertTrue(ok, report + "\n" + detail);
    }
}
