package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /debug/pprof/profile} of a JVM started with the agent, whatever engine it chose on
 * this JDK (async-profiler before 25, JFR from 25), against the truth workload: two methods'
 * shares within 5 points in each of the four loops, at least 90 % of the samples due, and the
 * comment naming the engine.
 */
class CpuProfileTruthIT {
    /** CPU seconds of work per loop, 500 samples due (see {@link CpuTruthCheck} for why enough). */
    static final double CPU_SECONDS_PER_LOOP = 5;

    @TempDir
    Path dir;

    @Test
    void theAgentsCpuProfileMatchesTheTruth() {
        Path out = dir.resolve("agent");
        try (ChildJvm app = ChildJvm.builder(CpuTruthMain.class.getName())
                .agent(ChildJvm.agentJar(), "port=0")
                .args("agent", String.valueOf(CPU_SECONDS_PER_LOOP), out.toString())
                .start()) {
            int exit = app.waitFor(Duration.ofSeconds(300));
            assertTrue(exit == 0, "child failed:\n" + app.output());
            CpuTruthCheck.assertAgentEngine(CpuTruthCheck.profileOf(out, CpuTruthWorkload.LOOPS[0]));
            CpuTruthCheck.check(app.output(), out, CpuEngine.CpuRequest.DEFAULT_INTERVAL.toNanos(), "agent on JDK " + ChildJvm.feature());
        }
    }
}
