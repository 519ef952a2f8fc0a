package dev.pprof4j.report.leaks.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The leak hunt's snapshots through the one fetch: what each answer of a stand-in agent becomes. */
class AgentSnapshotsFetchTest {
    private static final String DUMP = """
            goroutine 1 [running]:
            main.main()
            \t/tmp/x/main.go:10 +0x1d

            """;

    private HttpServer server;
    private ExecutorService threads;
    private URI base;
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Answers {@code path?query} with status and body; the first {@code refusals} asks get 503. */
    private void serve(String pathAndQuery, int refusals, int status, String body) {
        asked.put(pathAndQuery, new AtomicInteger());
        answers.put(pathAndQuery, new Object[] {refusals, status, body});
    }

    private final Map<String, Object[]> answers = new ConcurrentHashMap<>();

    private void answer(HttpExchange ex) throws IOException {
        String key = ex.getRequestURI().getPath() + (ex.getRequestURI().getQuery() == null ? "" : "?" + ex.getRequestURI().getQuery());
        Object[] a = answers.get(key);
        int n = a == null ? 0 : asked.get(key).incrementAndGet();
        int status = a == null ? 404 : n <= (int) a[0] ? 503 : (int) a[1];
        byte[] body = (a == null ? "404 page not found\n" : status == 503 ? "busy\n" : (String) a[2]).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aRefusedParallelRequestIsAskedAgainAloneAndMissingEndpointsAreNotes() throws IOException {
        serve("/debug/pprof/goroutine?debug=2", 1, 200, DUMP);
        Snapshot snapshot = new AgentSnapshots(base, Duration.ofSeconds(30)).take();
        assertEquals(2, asked.get("/debug/pprof/goroutine?debug=2").get(), "one 503, then once more");
        assertTrue(snapshot.has(Measure.THREADS), snapshot.notes().toString());
        assertEquals(1, snapshot.threadCount());
        assertTrue(snapshot.notes().contains(Measure.HEAP_BY_CLASS.label() + ": /debug/pprof/heap?debug=1 answered 404"
                + " (404 page not found)"), snapshot.notes().toString());
    }

    @Test
    void anEndpointThatStays503IsANote() throws IOException {
        serve("/debug/pprof/goroutine?debug=2", 0, 200, DUMP);
        serve("/debug/pprof/heap?debug=1", 5, 200, "");
        Snapshot snapshot = new AgentSnapshots(base, Duration.ofSeconds(30)).take();
        assertEquals(2, asked.get("/debug/pprof/heap?debug=1").get(), "asked twice, not more");
        assertTrue(snapshot.notes().contains(Measure.HEAP_BY_CLASS.label() + ": /debug/pprof/heap?debug=1 answered 503 (busy)"),
                snapshot.notes().toString());
    }

    @Test
    void anotherErrorEndsTheHuntInOneLine() {
        serve("/debug/pprof/goroutine?debug=2", 0, 200, DUMP);
        serve("/debug/pprof/heap?debug=1", 0, 500, "class histogram failed: boom\nmore\n");
        IOException e = assertThrows(IOException.class, () -> new AgentSnapshots(base, Duration.ofSeconds(30)).take());
        assertEquals(base + "/debug/pprof/heap?debug=1 answered 500: class histogram failed: boom", e.getMessage());
    }

    @Test
    void retainersThatFailSayWhy() {
        serve("/debug/pprof/heap/retainers?class=a.B&paths=50&max_ms=29000", 0, 400, "no such class\n");
        IOException e = assertThrows(IOException.class, () -> new AgentSnapshots(base, Duration.ofSeconds(30))
                .retainers("a.B", Duration.ofSeconds(30)));
        assertEquals("/debug/pprof/heap/retainers answered 400 (no such class)", e.getMessage());
    }
}
