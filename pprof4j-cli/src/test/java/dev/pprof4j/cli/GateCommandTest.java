package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code pprof4j gate} exit codes and output on the real JMH results kept by pprof4j-report's tests. */
class GateCommandTest {
    private static final Path FIXTURES = Path.of("../pprof4j-report/src/test/resources/gate").toAbsolutePath().normalize();
    private static final String BASE = FIXTURES.resolve("jmh-baseline.json").toString();
    private static final String CURRENT = FIXTURES.resolve("jmh-current.json").toString();

    @Test
    void exitsOneAndNamesTheRegressedBenchmarks() {
        CliRun run = CliRun.of("gate", "--baseline", BASE, "--current", CURRENT, "--sample-index", "gc.alloc.rate.norm");
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("FAIL: 2 metrics regressed:\n"), run.stdout());
        assertTrue(run.stdout().contains("bench.Boxing.primitive avgt size=1000 gc.alloc.rate.norm\n"), run.stdout());
        assertEquals("", run.stderr());
    }

    @Test
    void exitsZeroWhenNothingRegressed() {
        CliRun run = CliRun.of("gate", "--baseline", BASE, "--current", BASE, "--max-increase", "1%");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("PASS: no metric regressed\n"), run.stdout());
    }

    @Test
    void exitsTwoWithOneLineOnBadInput() {
        CliRun missing = CliRun.of("gate", "--baseline", "/nonexistent/a.json", "--current", CURRENT);
        assertEquals(2, missing.exitCode());
        assertEquals("pprof4j gate: /nonexistent/a.json: no such file\n", missing.stderr());

        CliRun badThreshold = CliRun.of("gate", "--baseline", BASE, "--current", CURRENT, "--max-increase", "5");
        assertEquals(2, badThreshold.exitCode());
        assertEquals("pprof4j gate: --max-increase 5: write a non-negative percentage such as 5%\n", badThreshold.stderr());

        CliRun noCurrent = CliRun.of("gate", "--baseline", BASE);
        assertEquals(2, noCurrent.exitCode());
        assertEquals(1, noCurrent.stderr().strip().lines().count(), noCurrent.stderr());
        assertTrue(noCurrent.stderr().contains("--current"), noCurrent.stderr());
    }
}
