package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The own time of a method C2 inlines into its caller, in {@code /debug/pprof/profile} of a JVM
 * started with the agent and no flags, read by {@code go tool pprof -top}: within 5 points of
 * the share of CPU time the workload measured ({@link InlineTruthWorkload}). On JDK 25 the
 * engine is JFR's {@code jdk.CPUTimeSample}, which gets this right only because the agent
 * enabled CompiledMethodLoad at start (without it the method got 0 % and its caller all: see
 * {@link NonSafepointDebugInfo}); before 25 it is async-profiler, which turns on
 * {@code -XX:+DebugNonSafepoints} itself when it loads.
 */
class InlinedMethodTruthIT {
    /** CPU seconds of work, 500 samples due at 10 ms. */
    static final double CPU_SECONDS = 5;
    /**
     * Enough samples for the share to mean something. Whether an engine delivers the samples due
     * is {@link CpuProfileTruthIT}'s question: at load average 6-13 here jdk.CPUTimeSample lost
     * up to 17 % of them (82.6 % and 87.1 % due, with and without the agent's event alike) while
     * the shares stayed within 2 points.
     */
    static final double MIN_SAMPLES_DUE = 0.5;

    @TempDir
    Path dir;

    @Test
    void anInlinedMethodsSelfTimeIsItsOwn() {
        Path out = dir.resolve("inline");
        try (ChildJvm app = ChildJvm.builder(InlineTruthMain.class.getName())
                .agent(ChildJvm.agentJar(), "port=0")
                .args(String.valueOf(CPU_SECONDS), out.toString())
                .start()) {
            int exit = app.waitFor(Duration.ofSeconds(180));
            assertTrue(exit == 0, "child failed:\n" + app.output());
            Path profile = Path.of(out + ".pb.gz");
            String comments = CpuTruthCheck.assertAgentEngine(profile);

            double[] truth = truth(app.output());
            String prefix = InlineTruthWorkload.class.getName() + ".";
            PprofTop top = new PprofTop(GoPprof.run("-top", "-nodecount=400", "-sample_index=samples",
                    profile.toString()));
            // mix calls no Java method: its cum is its self time, and also counts the kernel frames
            // async-profiler records on top of it (interrupts, scheduling: 2-5 % of its samples
            // on this loaded VM), which the thread's CPU time, the truth, includes. Under JFR
            // (no native frames) cum and flat are the same.
            long mix = top.cum(prefix + "mix");
            // stretch holds exactly the work the truth measured; run also holds the idle loop's
            // wake-ups between stretches (about 1 % of its samples, parked, in no stretch).
            long all = top.cum(prefix + "stretch");
            double due = (truth[0] + truth[1]) / CpuEngine.CpuRequest.DEFAULT_INTERVAL.toNanos();
            double share = all == 0 ? 0 : 100.0 * mix / all;
            double shareTruth = 100 * truth[0] / (truth[0] + truth[1]);
            String report = String.format("JDK %d: samples %d of %.0f due (%.1f%%), mix %.1f%% (truth %.1f%%,"
                    + " off %+.1f; flat %d of cum %d), its caller mixLoop flat %d", ChildJvm.feature(), all, due, 100 * all / due,
                    share, shareTruth, share - shareTruth, top.flat(prefix + "mix"), mix, top.flat(prefix + "mixLoop"));
            System.out.println(report);
            assertTrue(all >= MIN_SAMPLES_DUE * due && all <= CpuTruthCheck.MAX_SAMPLES_DUE * due
                    && Math.abs(share - shareTruth) <= CpuTruthCheck.TOLERANCE_POINTS, report + "\n" + top);
            assertFalse(comments.contains("inlined methods"), "a caveat about inlined methods in\n" + comments);
        }
    }

    /** CPU nanoseconds the worker spent in mix stretches [0] and in its own loop [1]. */
    private static double[] truth(String output) {
        double[] cpu = new double[2];
        for (String line : output.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("stretch")) {
                cpu[Integer.parseInt(f[3])] += Long.parseLong(f[4]);
            }
        }
        assertTrue(cpu[0] > 0 && cpu[1] > 0, "the child printed no work of both kinds:\n" + output);
        return cpu;
    }
}
