package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistodiffCommandTest {
    @TempDir
    Path dir;

    @Test
    void diffsTwoJcmdHistograms() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          1000         100000  [B (java.base@17.0.15)
                   2:           500          12000  java.lang.String (java.base@17.0.15)
                Total          1500         112000
                """);
        Path b = Files.writeString(dir.resolve("b.txt"), """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          3000         900000  [B (java.base@17.0.15)
                   2:           400           9600  java.lang.String (java.base@17.0.15)
                Total          3400         909600
                """);
        CliRun run = CliRun.of("histodiff", a.toString(), b.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        String[] lines = run.stdout().split("\n");
        assertTrue(lines[1].matches("\\s+\\+800000\\s+100000\\s+900000\\s+\\+2000\\s+byte\\[\\]"), run.stdout());
        assertTrue(lines[2].trim().endsWith("java.lang.String") && lines[2].contains("-2400"), run.stdout());
        assertTrue(lines[3].trim().startsWith("+797600"), run.stdout());
    }

    @Test
    void missingFileIsOneLine() {
        CliRun run = CliRun.of("histodiff", dir.resolve("nope.txt").toString(), dir.resolve("nope2.txt").toString());
        assertTrue(run.exitCode() != 0);
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertTrue(run.stderr().contains("nope.txt"), run.stderr());
        assertFalse(run.stderr().contains("Exception"), run.stderr());
    }

    @Test
    void aPprofFileIsNamedAsBinaryNotADecodersMessage() {
        // examples/go-heap.pb.gz is gzip; "Input length = 1" was all the decoder said of it
        String pprof = Path.of("../examples/go-heap.pb.gz").toString();
        CliRun run = CliRun.of("histodiff", pprof, pprof);
        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals("pprof4j: " + pprof + ": expected a class histogram text (jcmd GC.class_histogram or heap?debug=1)"
                + " and got a binary file (gzip: a pprof profile? compare those with pprof4j -top -base BEFORE AFTER)",
                run.stderr().strip());
    }

    @Test
    void anUnreachableAgentIsOneLineWithTheCause() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        // host:port as leaks takes it, a trailing slash too
        CliRun run = CliRun.of("histodiff", "127.0.0.1:" + closed + "/", "127.0.0.1:" + closed);
        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals("pprof4j: http://127.0.0.1:" + closed + "/debug/pprof/heap?debug=1: cannot connect to 127.0.0.1:"
                + closed + ": connection refused; is the agent running, and is that its port?", run.stderr().strip());
    }

    @Test
    void aMissingTokenFileIsOneLine() {
        Path missing = dir.resolve("no-token");
        CliRun run = CliRun.of("histodiff", "--token-file", missing.toString(), "127.0.0.1:1", "127.0.0.1:1");
        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals("pprof4j: -token_file " + missing + ": no such file", run.stderr().strip());
    }
}
