package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.GoPprof;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our async-profiler engine, called directly in a child JVM, against a workload that knows
 * its own CPU time, with each of the async-profiler events the agent may fall back to: in
 * each of four loops (arraycopy, SHA-256, Math, nanoTime — what JDK 17's JFR cannot see) the
 * shares of two methods as {@code go tool pprof} reads them agree with the truth within 5
 * points, and the samples are at least 90 % of those due.
 */
class AsyncProfilerCpuTruthIT {

    /** CPU seconds of work per loop, 350 samples due (see {@link CpuTruthCheck} for why enough). */
    static final double CPU_SECONDS_PER_LOOP = 3.5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "ctimer", "itimer"})
    void sharesAndSampleCountMatchTheTruth(String event) throws Exception {
        String child = runChild("async:" + event, dir.resolve(event));
        CpuTruthCheck.check(child, dir.resolve(event), dev.pprof4j.runtime.collect.CpuEngine.CpuRequest.DEFAULT_INTERVAL.toNanos(), "async-profiler " + event,
                // itimer is one process-wide timer: a tick other threads earned may land on
                // the busy thread (up to 17 % extra measured on a loaded machine).
                event.equals("itimer") ? 1.25 : CpuTruthCheck.MAX_SAMPLES_DUE);
    }

    /**
     * The pusher's way: the recording handed over in slices every second while it samples on
     * (async-profiler's dump). The merged slices must hold the same truth, every sample once:
     * a chunk read twice would exceed the samples due, a lost one fall short of 90 %.
     */
    @Test
    void slicesSplitOffWhileSamplingAddUpToTheTruth() throws Exception {
        Path out = dir.resolve("split");
        String child = runChild("async-split:cpu", out);
        assertTrue(child.lines().anyMatch(line -> line.matches("slices ([2-9]|\\d\\d+)")), child);
        CpuTruthCheck.check(child, out, dev.pprof4j.runtime.collect.CpuEngine.CpuRequest.DEFAULT_INTERVAL.toNanos(),
                "async-profiler cpu, split", CpuTruthCheck.MAX_SAMPLES_DUE);
    }

    private static String runChild(String source, Path out) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CpuTruthMain.class.getName(), source, String.valueOf(CPU_SECONDS_PER_LOOP), out.toString());
        return Command.run(Duration.ofMinutes(4), command).requireSuccess(command).stdout();
    }
}
