package dev.pprof4j.report.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one bounded GET: its body limit, its parallel sends, its one retry and its failures, against a real server. */
class AgentFetchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private HttpServer server;
    private ExecutorService threads;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void aBodyIsReadUpToTheLimitAndACutOneSaysSo() throws IOException {
        byte[] body = new byte[10_000];
        Arrays.fill(body, (byte) 'x');
        server.createContext("/big", ex -> answer(ex, 200, body));

        AgentFetch.Answer cut = AgentFetch.get(base.resolve("big"), AgentAuth.NONE, TIMEOUT, 1_000);
        assertEquals(1_000, cut.body().length);
        assertTrue(cut.truncated());

        AgentFetch.Answer whole = AgentFetch.send(AgentFetch.client(), base, "big", AgentAuth.NONE, TIMEOUT).await(10_000);
        assertArrayEquals(body, whole.body());
        assertFalse(whole.truncated(), "a body exactly at the limit is whole");
    }

    /** The hunt sends a thread dump and a class histogram at once; each answer waits for the other's request here. */
    @Test
    void sentRequestsRunSideBySide() throws IOException {
        CountDownLatch both = new CountDownLatch(2);
        server.createContext("/side", ex -> {
            both.countDown();
            try {
                boolean met = both.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                answer(ex, met ? 200 : 500, ex.getRequestURI().getQuery().getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var client = AgentFetch.client();
        AgentFetch.Pending a = AgentFetch.send(client, base, "side?a", AgentAuth.NONE, TIMEOUT);
        AgentFetch.Pending b = AgentFetch.send(client, base, "side?b", AgentAuth.NONE, TIMEOUT);
        assertEquals("b", b.await(100).text());
        assertEquals("a", a.await(100).text());
        assertEquals(base.resolve("side?a"), a.uri());
    }

    @Test
    void a503IsAskedOnceMoreAlone() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/once", ex -> answer(ex, asked.incrementAndGet() == 1 ? 503 : 200,
                "answer".getBytes(StandardCharsets.UTF_8)));
        AgentFetch.Answer answer = AgentFetch.send(AgentFetch.client(), base, "once", AgentAuth.NONE, TIMEOUT)
                .awaitAskingAgainAloneOn503(100);
        assertEquals(200, answer.status());
        assertEquals(2, asked.get());
    }

    @Test
    void a503AgainIsTheAnswerNotAThirdAsk() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/busy", ex -> {
            asked.incrementAndGet();
            answer(ex, 503, "too many requests at once (maxrequests=1)\n".getBytes(StandardCharsets.UTF_8));
        });
        AgentFetch.Answer answer = AgentFetch.send(AgentFetch.client(), base, "busy", AgentAuth.NONE, TIMEOUT)
                .awaitAskingAgainAloneOn503(100);
        assertEquals(503, answer.status());
        assertEquals("too many requests at once (maxrequests=1)", answer.firstLine());
        assertEquals(2, asked.get());
    }

    /** A 429 is handed back with its headers and first line, for the caller to decide whether to wait. */
    @Test
    void a429ComesBackWithItsRetryAfter() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/stw", ex -> {
            asked.incrementAndGet();
            ex.getResponseHeaders().add("Retry-After", "7");
            answer(ex, 429, "heap?debug=1 stops the application, ...; retry in 7 s\n".getBytes(StandardCharsets.UTF_8));
        });
        AgentFetch.Answer answer = AgentFetch.send(AgentFetch.client(), base, "stw", AgentAuth.NONE, TIMEOUT)
                .awaitAskingAgainAloneOn503(100);
        assertEquals(429, answer.status());
        assertEquals("7", answer.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(answer.firstLine().endsWith("retry in 7 s"), answer.firstLine());
        assertEquals(1, asked.get(), "a 429 is not asked again by the fetch");
    }

    @Test
    void aFailureNamesTheAgentsAddress() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> AgentFetch.send(AgentFetch.client(),
                URI.create("http://127.0.0.1:" + closed + "/"), "debug/pprof/goroutine?debug=2", AgentAuth.NONE, TIMEOUT)
                .await(100));
        assertEquals("cannot connect to 127.0.0.1:" + closed + ": connection refused; is the agent running, and is"
                + " that its port?", e.getMessage());
    }

    /** The request's timeout ends the wait for a server that never answers (it waits on a latch, not a clock). */
    @Test
    void noAnswerWithinTheTimeoutIsOneLine() {
        CountDownLatch released = new CountDownLatch(1);
        server.createContext("/never", ex -> {
            try {
                released.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                answer(ex, 200, new byte[0]);
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            IOException e = assertThrows(IOException.class, () -> AgentFetch.send(AgentFetch.client(), base, "never",
                    AgentAuth.NONE, Duration.ofSeconds(1)).await(100));
            assertEquals("no answer from 127.0.0.1:" + server.getAddress().getPort() + " within 1s", e.getMessage());
        } finally {
            released.countDown();
        }
    }
}
