package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history counts G1's concurrent cycles as old-generation collections the moment they end,
 * on every JDK: from JDK 20 the "G1 Concurrent GC" bean counts them, before it only the agent's
 * JFR stream does ({@code jdk.GarbageCollection} named {@code G1Old}). Without them a
 * {@code leaks --since} window on JDK 17 knew of an old collection only once a canary had aged
 * into the old generation, and could not judge the heap. The truth is the child's own GC log.
 */
class ConcurrentCyclesCountedIT {
    /** A completed cycle's line in -Xlog:gc ("GC(12) Concurrent Mark Cycle 268.716ms"); its start line has no time. */
    private static final Pattern CYCLE_DONE = Pattern.compile("Concurrent Mark Cycle \\d+\\.\\d+ms");
    private static final Pattern OLD_GCS = Pattern.compile("\"OldGCs\":\\s*(\\d+)");
    private static final int CYCLES = 3;

    @TempDir
    Path dir;

    @Test
    void everyCompletedConcurrentCycleIsAnOldCollectionInTheHistory() throws Exception {
        Path control = dir.resolve("control");
        Path gcLog = dir.resolve("gc.log");
        ChildJvm.Builder child = ChildJvm.builder(OldGenerationChurn.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,history=1s")
                .jvmArg("-XX:+UseG1GC", "-Xms512m", "-Xmx512m", "-XX:InitiatingHeapOccupancyPercent=10",
                        "-Xlog:gc:file=" + gcLog)
                .args(control.toString());
        try (ChildJvm app = child.start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (completedCycles(gcLog) < CYCLES && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Files.writeString(control, "stop");
            app.await(Pattern.compile("stopped "), Duration.ofSeconds(60));
            Thread.sleep(500); // a cycle that was running when the churn stopped may still end
            long cycles = completedCycles(gcLog);
            assertTrue(cycles >= CYCLES, "the workload ran no " + CYCLES + " concurrent cycles in 120 s: "
                    + Files.readString(gcLog));
            // JFR delivers events about once a second, and the history ticks every second.
            long newest = -1;
            String vars = "";
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                vars = new String(Http.get(base + "/debug/vars").body(), StandardCharsets.UTF_8);
                newest = newestOldGcs(vars);
                if (newest >= cycles) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(newest >= cycles, "the GC log shows " + cycles + " completed concurrent cycles, the history's"
                    + " newest snapshot counts " + newest + " old-generation collections: " + vars);
            Files.writeString(control, "exit");
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)));
        }
    }

    private static long completedCycles(Path gcLog) throws Exception {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        Matcher m = CYCLE_DONE.matcher(Files.readString(gcLog));
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The largest OldGCs of /debug/vars' snapshots: a count that only grows, so the newest snapshot's. */
    private static long newestOldGcs(String vars) {
        Matcher m = OLD_GCS.matcher(vars);
        long last = -1;
        while (m.find()) {
            last = Math.max(last, Long.parseLong(m.group(1)));
        }
        return last;
    }
}
