package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LiveHeap;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A client cannot keep the host stopped: looping {@code gc=1} meets 429 with a one-line
 * reason once requests have stopped the JVM for 5 % of a minute (3 s), and the JVM's own
 * collection time (its GC beans) over the loop stays within that budget and one request's
 * overshoot. Without the budget the loop kept the JVM stopped most of the time.
 */
class StopTheWorldIT {
    private static final long LOOP_SECONDS = 12;
    private static final long BUDGET_MILLIS = 3_000;

    @Test
    void loopingGcMeetsTheStopTheWorldBudget() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LiveHeap.class.getName()).args("120")
                .jvmArg("-Xmx400m", "-XX:+UseG1GC")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0,history=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("ready \\d+"), Duration.ofSeconds(60));
            long gcBefore = gcMillis(base);
            long start = System.nanoTime();
            int served = 0;
            int refused = 0;
            String reason = null;
            long longest = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(LOOP_SECONDS).toNanos()) {
                long t0 = System.nanoTime();
                Http.Response r = Http.get(base + "/debug/pprof/heap?gc=1", Duration.ofSeconds(60), Map.of());
                if (r.status() == 200) {
                    served++;
                    longest = Math.max(longest, (System.nanoTime() - t0) / 1_000_000);
                } else {
                    assertEquals(429, r.status(), r.text());
                    refused++;
                    reason = r.text();
                }
            }
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            long stopped = gcMillis(base) - gcBefore;
            System.out.println("StopTheWorldIT: a client looping gc=1 for " + wallMillis + " ms: " + served
                    + " served, " + refused + " refused with 429; the JVM's collections took " + stopped + " ms ("
                    + Math.round(100.0 * stopped / wallMillis) + " % of the loop; longest request " + longest + " ms)");
            assertTrue(refused > 0, "never refused: " + served + " gc=1 served in " + wallMillis + " ms");
            assertEquals(1, reason.strip().lines().count(), "one line: " + reason);
            assertTrue(reason.contains("retry in"), reason);
            assertTrue(stopped <= BUDGET_MILLIS + longest + 500, "collections took " + stopped
                    + " ms of " + wallMillis + " ms, beyond the budget of " + BUDGET_MILLIS + " ms");
            assertEquals(200, Http.get(base + "/debug/pprof/heap").status(), "a heap profile without gc=1 is served");
        }
    }

    /** The JVM's collection time so far, from its GC beans as /debug/vars reports it. */
    private static long gcMillis(String base) {
        Matcher m = Pattern.compile("\"GcTimeTotalNs\":\\s*(\\d+)").matcher(Http.get(base + "/debug/vars").text());
        assertTrue(m.find(), "no GcTimeTotalNs in /debug/vars");
        return Long.parseLong(m.group(1)) / 1_000_000;
    }
}
