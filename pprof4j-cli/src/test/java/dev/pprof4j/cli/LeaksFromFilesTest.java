package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code pprof4j leaks h1 h2 h3} over saved files of any format, mixed: the goroutines of
 * goleaks/main.go started with 10, 25 and 40 leaks, saved as Go's protobuf, its debug=1
 * text and its debug=2 dump, are one finding that grew 10 → 25 → 40.
 */
class LeaksFromFilesTest {
    @Test
    void goroutinesThatGrowAcrossFormatsAreOneLeak() {
        CliRun r = CliRun.of("leaks", path("goroutine10.pb.gz"), path("goroutine.debug1.txt"),
                path("goroutine40.debug2.txt"));
        assertEquals(LeaksCommand.LEAK_FOUND, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("1. threads: waiting in main.leakyWorker (main.go:31)\n"
                + "   threads per round: 10 → 25 → 40  (+30)"), r.stdout());
    }

    @Test
    void theSameGoroutinesInEachFormatAreNoLeak() {
        CliRun r = CliRun.of("leaks", path("goroutine40.pb.gz"), path("goroutine40.debug1.txt"),
                path("goroutine40.debug2.txt"));
        assertEquals(LeaksCommand.NO_LEAK, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith("pprof4j leaks: no leak"), r.stdout());
    }

    @Test
    void aProfileOfAnotherKindIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("leaks", path("goroutine10.pb.gz"), path("mutex.debug1.txt"), path("goroutine40.pb.gz"));
        assertEquals(LeaksCommand.CANNOT_HUNT, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("mutex.debug1.txt: a [contentions/count, delay/nanoseconds] profile is neither"),
                r.stderr());
        CliRun two = CliRun.of("leaks", path("goroutine10.pb.gz"), path("goroutine40.pb.gz"));
        assertEquals(LeaksCommand.CANNOT_HUNT, two.exitCode(), two.stderr());
        assertTrue(two.stderr().contains("2 saved profiles given; growth in every round needs 3"), two.stderr());
    }

    private static String path(String name) {
        return GoTextDumpsTest.file(name).toString();
    }
}
