package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Java thread dumps of a child JVM that runs the agent: jstack, {@code jcmd Thread.print}
 * and, on JDK 21+, {@code jcmd Thread.dump_to_file} as text and JSON. Each reads as a
 * goroutine profile naming the five parked threads' function, and under {@code -base}
 * against the agent's own goroutine profile of the same moment that function cancels out:
 * the frames are named alike.
 */
class JavaThreadDumpIT {
    private static final String PARK = ParkedThreads.class.getName() + ".park";

    @TempDir
    static Path dir;
    private static ChildJvm app;
    private static final List<Path> dumps = new ArrayList<>();
    private static Path agentProfile;

    @BeforeAll
    static void dump() throws IOException {
        app = ChildJvm.builder(ParkedThreads.class.getName()).agent(ChildJvm.agentJar(), "port=0").start();
        String url = app.awaitPprofUrl(Duration.ofSeconds(60));
        app.await(Pattern.compile("(?m)^ready$"), Duration.ofSeconds(60));
        String pid = Long.toString(app.pid());
        Path bin = ChildJvm.java().getParent();
        dumps.add(save("jstack.txt", List.of(bin.resolve("jstack").toString(), pid)));
        dumps.add(save("print.txt", List.of(bin.resolve("jcmd").toString(), pid, "Thread.print")));
        if (ChildJvm.feature() >= 21) { // Thread.dump_to_file came with JDK 21
            Path text = dir.resolve("dump.txt");
            Path json = dir.resolve("dump.json");
            run(List.of(bin.resolve("jcmd").toString(), pid, "Thread.dump_to_file", text.toString()));
            run(List.of(bin.resolve("jcmd").toString(), pid, "Thread.dump_to_file", "-format=json", json.toString()));
            dumps.add(text);
            dumps.add(json);
        }
        agentProfile = dir.resolve("goroutine.pb.gz");
        Files.write(agentProfile, Http.get(url + "/debug/pprof/goroutine").body());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static Path save(String name, List<String> command) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, run(command));
        return file;
    }

    private static String run(List<String> command) {
        return Command.run(Duration.ofSeconds(60), command).requireSuccess(command).stdout();
    }

    @Test
    void eachDumpNamesTheParkedThreads() {
        assertEquals(ChildJvm.feature() >= 21 ? 4 : 2, dumps.size());
        for (Path dump : dumps) {
            CliRun r = CliRun.of("-top", dump.toString());
            assertEquals(0, r.exitCode(), dump + ": " + r.stderr());
            assertTrue(r.stdout().startsWith("Type: goroutine\n"), r.stdout());
            GoTextDumpsTest.assertRow(r.stdout(), "0", Integer.toString(ParkedThreads.PARKED), PARK);
        }
    }

    @Test
    void againstTheAgentsGoroutineProfileTheParkedThreadsCancelOut() {
        CliRun agent = CliRun.of("-top", agentProfile.toString());
        GoTextDumpsTest.assertRow(agent.stdout(), "0", Integer.toString(ParkedThreads.PARKED), PARK);
        for (Path dump : dumps) {
            CliRun diff = CliRun.of("-top", "-base", agentProfile.toString(), dump.toString());
            assertEquals(0, diff.exitCode(), dump + ": " + diff.stderr());
            assertFalse(diff.stdout().contains(PARK), dump + " -base the agent's profile:\n" + diff.stdout());
        }
    }
}
