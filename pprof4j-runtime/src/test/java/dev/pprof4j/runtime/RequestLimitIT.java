package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The agent bounds how many requests run at once ({@code maxrequests}): with two slots held
 * by long requests, a third, even a cheap one, is refused at once with 503 and a one-line
 * reason, and served again once a slot is free.
 */
class RequestLimitIT {
    /** Long enough for the probe loop to see both holders in flight on a loaded machine. */
    private static final int HOLD_SECONDS = 6;

    @Test
    void moreThanMaxRequestsAtOnceAreRefusedWith503() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                .agent(ChildJvm.agentJar(), "port=0,maxrequests=2,memprofilerate=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
            assertEquals(200, Http.get(base + "cmdline").status(), "one request alone is served");

            // Two requests that each hold a slot for HOLD_SECONDS: a goroutine delta and a
            // JFR trace (each has its own one-at-a-time rule, so neither refuses the other).
            Duration timeout = Duration.ofSeconds(HOLD_SECONDS + 60);
            // A holder that meets a full server itself (the probe took a slot) counts that
            // refusal too and tries again.
            AtomicReference<Http.Response> refused = new AtomicReference<>();
            CompletableFuture<Http.Response> delta = CompletableFuture.supplyAsync(
                    () -> holdSlot(base + "goroutine?seconds=" + HOLD_SECONDS, timeout, refused));
            CompletableFuture<Http.Response> trace = CompletableFuture.supplyAsync(
                    () -> holdSlot(base + "trace?seconds=" + HOLD_SECONDS, timeout, refused));

            // Probe with a cheap request until it is refused (both slots held) or both holders end.
            while (refused.get() == null && !(delta.isDone() && trace.isDone())) {
                Http.Response probe = Http.get(base + "cmdline");
                if (probe.status() == 503) {
                    refused.compareAndSet(null, probe);
                } else {
                    assertEquals(200, probe.status(), probe.text());
                    Thread.sleep(50);
                }
            }
            assertEquals(200, delta.get(timeout.toSeconds(), TimeUnit.SECONDS).status(), "the delta was served");
            assertEquals(200, trace.get(timeout.toSeconds(), TimeUnit.SECONDS).status(), "the trace was served");
            assertTrue(refused.get() != null, "a third concurrent request was never refused while two held both slots");
            String reason = refused.get().text();
            assertTrue(reason.startsWith("too many concurrent requests (at most 2)"), reason);
            assertEquals(1, reason.strip().lines().count(), "one line: " + reason);
            assertEquals(200, Http.get(base + "cmdline").status(), "served again once the slots are free");
        }
    }

    private static Http.Response holdSlot(String url, Duration timeout, AtomicReference<Http.Response> refused) {
        while (true) {
            Http.Response response = Http.get(url, timeout, Map.of());
            if (response.status() != 503) {
                return response;
            }
            refused.compareAndSet(null, response);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }
}
