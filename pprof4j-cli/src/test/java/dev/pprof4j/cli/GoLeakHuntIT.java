package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The live hunt against a Go service's own net/http/pprof under bursty traffic (a third of a
 * second of requests, then 1.5 s idle: some rounds see no request): the three leaks named
 * (producer goroutines blocked on a channel send, watcher goroutines, payloads kept in a
 * slice), the producers' buffers filed under the goroutine leak that holds them, exit 3; the
 * same service without its leaks (a bounded cache, a pool of workers started on the first
 * requests) exits 0. Both run side by side to keep the test short.
 */
class GoLeakHuntIT {
    @Test
    void namesTheThreeLeaksAndFoldsTheProducersBuffersAndIsCleanWithoutThem() throws Exception {
        try (GoLeakService leaking = GoLeakService.start("leak"); GoLeakService clean = GoLeakService.start("clean")) {
            // Past the pool's and the cache's warm-up before the first round.
            Thread.sleep(2_000);
            CompletableFuture<LeakHuntIT.Run> cleanRun = CompletableFuture.supplyAsync(
                    () -> LeakHuntIT.pprof4j("leaks", "--rounds", "6", "--interval", "1s", clean.address));
            LeakHuntIT.Run run = LeakHuntIT.pprof4j("leaks", "--rounds", "6", "--interval", "1s", "--format", "json",
                    leaking.address);
            assertEquals(3, run.code(), run.err() + run.out());
            JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
            JsonArray findings = report.getAsJsonArray("findings");
            JsonObject producers = LeakHuntIT.only(findings, "main.subscribe");
            assertEquals("threads", producers.get("kind").getAsString());
            assertTrue(producers.getAsJsonArray("waitingIn").toString().contains("main.produce"), producers.toString());
            assertEquals("threads", LeakHuntIT.only(findings, "main.watch").get("kind").getAsString());
            JsonObject payloads = LeakHuntIT.only(findings, "main.remember");
            assertEquals("live_heap", payloads.get("kind").getAsString());
            assertTrue(payloads.getAsJsonObject("trend").get("summary").getAsString().contains("never fell back"),
                    payloads.toString());
            assertEquals(3, findings.size(), LeakHuntIT.sites(findings));
            for (JsonElement f : findings) {
                assertFalse(f.getAsJsonObject().get("site").getAsString().startsWith("main.produce"),
                        "the buffers are the goroutine leak's: " + f);
            }
            JsonArray alsoGrew = report.getAsJsonArray("alsoGrew");
            assertEquals(1, alsoGrew.size(), run.out());
            JsonObject buffers = LeakHuntIT.only(alsoGrew, "main.produce");
            assertTrue(buffers.get("explainedBy").getAsString().contains("started by main.subscribe"), buffers.toString());

            LeakHuntIT.Run cleanResult = cleanRun.join();
            assertEquals(0, cleanResult.code(), cleanResult.err() + cleanResult.out());
            assertTrue(cleanResult.out().startsWith("pprof4j leaks: no leak"), cleanResult.out());
            assertTrue(cleanResult.out().contains("measured: threads, live heap by allocation site"), cleanResult.out());
        }
    }
}
