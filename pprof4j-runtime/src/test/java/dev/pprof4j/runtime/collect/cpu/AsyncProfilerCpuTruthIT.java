package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.GoPprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our async-profiler engine, called directly in a child JVM, against a workload that knows
 * its own CPU time: the shares of two methods and of four loops (arraycopy, SHA-256, Math,
 * nanoTime — what JDK 17's JFR cannot see) as {@code go tool pprof} reads them agree with
 * the truth within 5 points, and the samples are at least 90 % of those due.
 */
class AsyncProfilerCpuTruthIT {

    static final int SECONDS = 10;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "ctimer", "itimer"})
    void sharesAndSampleCountMatchTheTruth(String event) throws Exception {
        Path out = dir.resolve(event + ".pb.gz");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CpuTruthMain.class.getName(), "async:" + event, String.valueOf(SECONDS), out.toString());
        String child = Command.run(Duration.ofMinutes(1), command).requireSuccess(command).stdout();
        assertTrue(Files.size(out) > 0, "no profile written");
        CpuTruthCheck.check(child, GoPprof.run("-top", "-cum", "-nodecount=400", "-sample_index=samples", out.toString()),
                dev.pprof4j.runtime.collect.CpuEngine.CpuRequest.DEFAULT_INTERVAL.toNanos(), "async-profiler " + event,
                // itimer is one process-wide timer: a tick other threads earned may land on
                // the busy thread (up to 17 % extra measured on a loaded machine).
                event.equals("itimer") ? 1.25 : CpuTruthCheck.MAX_SAMPLES_DUE);
    }
}
