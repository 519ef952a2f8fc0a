package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.retained.OrderBook;
import dev.pprof4j.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real jar against the real agent in a child JVM started with {@code token=}: {@code -top},
 * {@code leaks} and {@code retainers} (whose fetch histodiff shares) reach it with {@code PPROF4J_TOKEN} (or a
 * {@code token=} typed into the URL), and print the token nowhere; without it, one line that
 * says what to set. About 20 s: each run of the jar starts a JVM, the hunt takes three rounds.
 */
class AgentTokenIT {
    private static final String TOKEN = "tk-21b-" + Long.toHexString(System.nanoTime());
    private static ChildJvm app;
    private static String address;

    record Run(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    @BeforeAll
    static void startAgentWithAToken() {
        app = ChildJvm.builder(OrderBook.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,memprofilebudget=0,memprofilerate=65536,token=" + TOKEN)
                .jvmArg("-Xmx256m").start();
        address = app.awaitPprofUrl(Duration.ofSeconds(60));
        app.await(Pattern.compile("(?m)^ready$"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** {@code pprof4j ARGS} with {@code env} added to this environment, to its end (at most two minutes). */
    static Run pprof4j(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pprof4j-token", ".out");
        Path err = Files.createTempFile("pprof4j-token", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(CliJar.command(List.of(), args))
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().remove(AgentToken.ENV);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pprof4j " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void topReachesTheAgentWithTheEnvironmentsTokenOrTheUrlsAndPrintsItNowhere() throws Exception {
        Run env = pprof4j(Map.of(AgentToken.ENV, TOKEN), "-top", "-nodecount=5", address + "/debug/pprof/heap");
        assertEquals(0, env.exitCode(), env.stderr());
        assertTrue(env.stdout().contains("flat%"), env.stdout());
        assertFalse(env.all().contains(TOKEN), env.all());

        Run url = pprof4j(Map.of(), "-top", "-nodecount=5", address + "/debug/pprof/heap?token=" + TOKEN);
        assertEquals(0, url.exitCode(), url.stderr());
        assertTrue(url.stderr().contains("Fetching profile over HTTP from " + address + "/debug/pprof/heap\n"),
                url.stderr());
        assertFalse(url.all().contains(TOKEN), url.all());
    }

    @Test
    void withoutTheTokenOneLineSaysWhatToSet() throws Exception {
        Run none = pprof4j(Map.of(), "-top", address + "/debug/pprof/heap");
        assertEquals(1, none.exitCode(), none.stderr());
        String last = none.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("pprof4j: " + address + "/debug/pprof/heap: server response: 401"), last);
        assertTrue(last.endsWith("the agent wants a token: set PPROF4J_TOKEN or use -token_file FILE"), last);

        Run wrong = pprof4j(Map.of(), "leaks", "--rounds", "3", "--interval", "1s", address + "/?token=wrong-" + TOKEN);
        assertEquals(LeaksCommand.CANNOT_HUNT, wrong.exitCode(), wrong.all());
        assertTrue(wrong.stderr().contains("answered 401"), wrong.stderr());
        assertFalse(wrong.all().contains(TOKEN), wrong.all());
    }

    @Test
    void leaksAndRetainersReachTheAgentWithTheEnvironmentsToken() throws Exception {
        Map<String, String> env = Map.of(AgentToken.ENV, TOKEN);
        Run leaks = pprof4j(env, "leaks", "--rounds", "3", "--interval", "1s", address);
        assertNotEquals(LeaksCommand.CANNOT_HUNT, leaks.exitCode(), leaks.all());
        assertTrue(leaks.stdout().startsWith("pprof4j leaks: "), leaks.stdout());
        assertTrue(leaks.stdout().contains("measured: threads"), leaks.stdout());
        assertFalse(leaks.all().contains(TOKEN), leaks.all());

        String hostPort = address.replaceFirst("^http://", "");
        Run retainers = pprof4j(env, "retainers", hostPort, "long[]");
        assertEquals(RetainersCommand.CHAINS, retainers.exitCode(), retainers.all());
        assertTrue(retainers.stdout().contains(OrderBook.class.getName()), retainers.stdout());
        assertFalse(retainers.all().contains(TOKEN), retainers.all()); // histodiff fetches through the same code
    }
}
