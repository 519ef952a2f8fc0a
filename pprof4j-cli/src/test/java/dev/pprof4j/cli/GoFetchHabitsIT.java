package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.retained.OrderBook;
import dev.pprof4j.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar against the real agent in a child JVM, with go tool pprof's habits: a bare
 * {@code host:port} is a CPU profile of {@code -seconds}, and what is fetched is saved in
 * {@code $HOME/pprof} (or {@code $PPROF_TMPDIR}), a new file each time. About 10 s.
 */
class GoFetchHabitsIT {
    private static final Pattern SAVED = Pattern.compile("(?m)^Saved profile in (\\S+)$");
    private static ChildJvm app;
    private static String hostPort;

    @BeforeAll
    static void startAgent() {
        app = ChildJvm.builder(OrderBook.class.getName()).agent(ChildJvm.agentJar(), "port=0").jvmArg("-Xmx256m").start();
        hostPort = app.awaitPprofUrl(Duration.ofSeconds(60)).substring("http://".length());
        app.await(Pattern.compile("(?m)^ready$"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Run(int exitCode, String stdout, String stderr) {
        /** The file the run says it saved the profile in. */
        Path saved() {
            Matcher m = SAVED.matcher(stderr);
            assertTrue(m.find(), stderr);
            return Path.of(m.group(1));
        }
    }

    /** {@code pprof4j ARGS} with HOME and PPROF_TMPDIR as given (null: unset). */
    static Run pprof4j(Path home, Path pprofTmpdir, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        if (pprofTmpdir != null) {
            env.put(SavedProfiles.TMPDIR_ENV, pprofTmpdir.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(CliJar.command(List.of(), args))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove(SavedProfiles.TMPDIR_ENV);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "run", ".out");
        Path err = Files.createTempFile(home, "run", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pprof4j " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBareHostAndPortIsACpuProfileSavedInHomePprof(@TempDir Path home) throws Exception {
        Run cpu = pprof4j(home, null, "-top", "-nodecount=3", "-seconds", "1", hostPort);
        assertEquals(0, cpu.exitCode(), cpu.stderr());
        assertTrue(cpu.stderr().startsWith("Fetching profile over HTTP from http://" + hostPort
                + "/debug/pprof/profile?seconds=1\nPlease wait... (1s)\n"), cpu.stderr());
        assertTrue(cpu.stdout().contains("Type: cpu"), cpu.stdout());
        Path saved = cpu.saved();
        assertEquals(home.resolve("pprof"), saved.getParent());
        assertTrue(saved.getFileName().toString().matches("pprof\\.([^.]+\\.)?samples\\.cpu\\.001\\.pb\\.gz"), saved.toString());
        // The saved file is the profile: read again, it gives the same header.
        Run again = pprof4j(home, null, "-top", "-nodecount=3", saved.toString());
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stdout().contains("Type: cpu"), again.stdout());
        assertTrue(!again.stderr().contains("Saved profile"), "a local file is not saved again: " + again.stderr());
    }

    @Test
    void eachFetchIsANewFileAndPprofTmpdirWins(@TempDir Path home) throws Exception {
        String heap = hostPort + "/debug/pprof/heap";
        Path first = pprof4j(home, null, "-top", "-nodecount=1", heap).saved();
        byte[] firstBytes = Files.readAllBytes(first);
        Path second = pprof4j(home, null, "-top", "-nodecount=1", heap).saved();
        assertEquals(first.getParent(), second.getParent());
        assertTrue(first.getFileName().toString().endsWith(".001.pb.gz"), first.toString());
        assertEquals(first.getFileName().toString().replace(".001.pb.gz", ".002.pb.gz"), second.getFileName().toString());
        assertArrayEquals(firstBytes, Files.readAllBytes(first), "the first file is left as it was");

        Path tmpdir = home.resolve("profiles");
        Path third = pprof4j(home, tmpdir, "-top", "-nodecount=1", heap).saved();
        assertEquals(tmpdir.resolve(first.getFileName()), third);
    }
}
