package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.ManyThreads;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 32 MB host with 3 000 threads survives rounds of 8 concurrent full thread dumps: each is
 * either served whole (streamed) or refused with 503 and a reason; the host's main thread
 * keeps beating and the agent keeps serving. Each dump built whole in the heap (about 8 MB of
 * text for 3 000 threads, times 8) killed the host's main thread with OutOfMemoryError. The
 * stop-the-world budget is lifted (stwbudget=100): this test is about memory.
 */
class SmallHeapIT {
    private static final int THREADS = 3_000;
    private static final int ROUNDS = 3;
    private static final int CONCURRENT = 8;

    @Test
    void fullDumpsNeverTakeTheHostsHeap() throws Exception {
        try (ChildJvm app = ChildJvm.builder(ManyThreads.class.getName()).args(Integer.toString(THREADS))
                .jvmArg("-Xmx32m", "-Xss256k")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0,history=0,stwbudget=100").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
            app.await(Pattern.compile("ready " + THREADS), Duration.ofSeconds(120));
            int served = 0;
            int refused = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<Http.Response>> dumps = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    dumps.add(CompletableFuture.supplyAsync(
                            () -> Http.get(base + "goroutine?debug=2", Duration.ofSeconds(120), Map.of())));
                }
                for (CompletableFuture<Http.Response> dump : dumps) {
                    Http.Response response = dump.get();
                    if (response.status() == 200) {
                        served++;
                        long entries = response.text().lines().filter(l -> l.startsWith("goroutine ")).count();
                        assertTrue(entries >= THREADS, "a served dump lists every thread: " + entries);
                    } else {
                        refused++;
                        assertEquals(503, response.status(), response.text());
                        assertEquals(1, response.text().strip().lines().count(), "one line: " + response.text());
                    }
                }
            }
            String beat = "heartbeat \\d+";
            int beatsBefore = count(app.output(), beat);
            Thread.sleep(1_000);
            System.out.println("SmallHeapIT: -Xmx32m, " + THREADS + " threads, " + ROUNDS + " rounds of " + CONCURRENT
                    + " goroutine?debug=2: " + served + " served, " + refused + " refused with 503");
            assertTrue(app.process().isAlive(), "the host died:\n" + tail(app.output()));
            assertFalse(app.output().contains("OutOfMemoryError"), "the host met OutOfMemoryError:\n" + tail(app.output()));
            assertTrue(count(app.output(), beat) > beatsBefore, "the host's main thread stopped beating");
            assertTrue(served >= ROUNDS, "at least one dump a round is served: " + served);
            assertEquals(200, Http.get(base + "cmdline").status(), "the agent still serves");
        }
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    private static String tail(String output) {
        return output.length() > 3000 ? output.substring(output.length() - 3000) : output;
    }
}
