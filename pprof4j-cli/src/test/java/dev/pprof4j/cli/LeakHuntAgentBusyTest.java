package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A live hunt against a stand-in agent whose stop-the-world budget is spent: the class
 * histogram of a round ({@code heap?debug=1}) is refused with the runtime's own answer (429,
 * {@code text/plain}, {@code X-Go-Pprof: 1}, one line ending in "retry in N s", no
 * {@code Retry-After} header: see the runtime's {@code StopTheWorldBudget} and
 * {@code PprofRequest.sendError}). The hunt waits what it is told, says so on stderr and goes
 * on; told to wait longer than it may, it says in one line that it cannot measure and exits 2.
 */
class LeakHuntAgentBusyTest {
    private static final String DUMP = """
            goroutine 1 [RUNNABLE]: "main"
            shop.Main.main(...)
            \tMain.java:10
            created by unknown (started before pprof4j)

            goroutine 2 [WAITING]: "Reference Handler" daemon
            java.lang.ref.Reference.waitForReferencePendingList(...)
            \tReference.java (native)
            created by unknown (started before pprof4j)
            """;
    private static final String HISTOGRAM = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          2310       52428800  [B (java.base@17.0.15)
               2:          1200          28800  java.lang.String (java.base@17.0.15)
            Total           3510       52457600
            """;

    /** The runtime's refusal of a class histogram, word for word, at the default budget of 5 %. */
    static String refusal(long retrySeconds) {
        return "heap?debug=1 (a class histogram, which collects first) stops the application, and requests have kept"
                + " it stopped 3120 ms of the last 60 s (pprof4j allows 5 %); retry in " + retrySeconds + " s";
    }

    /** A stand-in agent that refuses the first {@code refusals} histograms, telling to retry in {@code retrySeconds}. */
    private static HttpServer agent(int refusals, long retrySeconds, AtomicInteger histograms) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/debug/pprof/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            if (path.equals("/debug/pprof/goroutine") && query.contains("debug=2")) {
                send(exchange, 200, DUMP);
            } else if (path.equals("/debug/pprof/heap") && query.contains("debug=1")) {
                boolean refuse = histograms.incrementAndGet() <= refusals;
                send(exchange, refuse ? 429 : 200, refuse ? refusal(retrySeconds) + "\n" : HISTOGRAM);
            } else {
                send(exchange, 404, "404 page not found\n");
            }
        });
        server.start();
        return server;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Go-Pprof", "1");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void waitsWhatTheBusyAgentSaysAndFinishesTheHunt() throws Exception {
        AtomicInteger histograms = new AtomicInteger();
        HttpServer server = agent(1, 1, histograms);
        try {
            long start = System.nanoTime();
            LeakHuntIT.Run run = LeakHuntIT.pprof4j("leaks", "--rounds", "3", "--interval", "1s", "--format", "json",
                    "127.0.0.1:" + server.getAddress().getPort());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, run.code(), run.err() + run.out());
            List<String> busy = run.err().lines().filter(l -> l.contains("agent busy")).toList();
            assertEquals(List.of("pprof4j leaks: agent busy (stop-the-world budget), waiting 1 s"), busy, run.err());
            assertEquals(4, histograms.get(), "the refused round asked again, then two more rounds");
            assertTrue(run.out().contains("\"heap_by_class\""), "the histograms were measured: " + run.out());
            // Three rounds 1 s apart plus the 1 s wait: the wait moved the rounds after it.
            assertTrue(tookMillis >= 3_000, "waited and kept the interval: " + tookMillis + " ms");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aWaitLongerThanTheHuntMayTakeEndsItWithOneLine() throws Exception {
        AtomicInteger histograms = new AtomicInteger();
        HttpServer server = agent(Integer.MAX_VALUE, 600, histograms);
        try {
            long start = System.nanoTime();
            LeakHuntIT.Run run = LeakHuntIT.pprof4j("leaks", "--rounds", "3", "--interval", "1s",
                    "127.0.0.1:" + server.getAddress().getPort());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(2, run.code(), run.err() + run.out());
            assertEquals(1, histograms.get(), "gave up at the refusal, without asking again");
            List<String> lines = run.err().strip().lines().toList();
            assertEquals(1, lines.size(), "one line: " + run.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("pprof4j leaks: the agent's stop-the-world budget stays spent after waiting 0 s"), line);
            assertTrue(line.contains("retry in 600 s") && line.contains("stwbudget="), line);
            assertFalse(run.err().contains("\tat "), run.err());
            assertTrue(run.out().isEmpty(), "no report: " + run.out());
            // Far below the 600 s it was told: it did not wait.
            assertTrue(tookMillis < 60_000, "did not wait: " + tookMillis + " ms");
        } finally {
            server.stop(0);
        }
    }
}
