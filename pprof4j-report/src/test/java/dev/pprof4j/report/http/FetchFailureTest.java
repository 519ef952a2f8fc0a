package dev.pprof4j.report.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a user reads when a fetch fails: the cause in words and what to do, not the JDK's exception. */
class FetchFailureTest {
    @Test
    void aRefusedConnectionSaysSoAndAsksWhetherTheAgentRuns() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> AgentFetch.get(
                URI.create("http://127.0.0.1:" + closed + "/debug/vars"), AgentAuth.NONE, Duration.ofSeconds(5), 100));
        assertEquals("cannot connect to 127.0.0.1:" + closed + ": connection refused; is the agent running, and is"
                + " that its port?", e.getMessage());
    }

    @Test
    void httpsToAPlainHttpServerSaysItDoesNotSpeakTls() throws IOException {
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/", ex -> {
            byte[] body = "plain\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        plain.start();
        try {
            int port = plain.getAddress().getPort();
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> AgentFetch.get(
                    URI.create("https://127.0.0.1:" + port + "/debug/vars?token=s3cret"), AgentAuth.NONE,
                    Duration.ofSeconds(60), 100));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("the server at 127.0.0.1:" + port + " does not speak TLS (it answers plain HTTP); use http://127.0.0.1:"
                    + port + "/debug/vars", e.getMessage());
            // The JDK's client waits out its connect timeout on a TLS hello that gets no answer; not the request's 60 s.
            assertTrue(seconds < AgentFetch.CONNECT_TIMEOUT.toSeconds() + 5, seconds + " s");
        } finally {
            plain.stop(0);
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        IOException e = assertThrows(IOException.class, () -> AgentFetch.get(
                URI.create("http://no-such-host.invalid:6060/debug/vars"), AgentAuth.NONE, Duration.ofSeconds(5), 100));
        assertEquals("cannot connect to no-such-host.invalid:6060: unknown host", e.getMessage());
    }
}
