package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP sources against a local server: ?seconds=N, the wait message and countdown, error statuses, the size limit. */
class HttpSourceTest {
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        byte[] profile = Files.readAllBytes(Path.of("../examples/go-heap.pb.gz"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/debug/pprof/heap", ex -> {
            queries.add(String.valueOf(ex.getRequestURI().getQuery()));
            try {
                Thread.sleep(1200); // the server "takes" the profile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, profile.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(profile);
            }
        });
        // As a real server takes a CPU profile: answers after the seconds asked for (and a half).
        server.createContext("/debug/pprof/profile", ex -> {
            queries.add(String.valueOf(ex.getRequestURI().getQuery()));
            long seconds = Long.parseLong(ex.getRequestURI().getQuery().replaceAll(".*seconds=(\\d+).*", "$1"));
            try {
                Thread.sleep(seconds * 1000 + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, profile.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(profile);
            }
        });
        server.createContext("/debug/pprof/missing", ex -> {
            byte[] body = "profile not found\n".getBytes();
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(404, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        // As an agent started with token=s3cret: the token as a header, never in the URL.
        server.createContext("/debug/pprof/secret", ex -> {
            queries.add(String.valueOf(ex.getRequestURI().getQuery()));
            boolean authorized = "Bearer s3cret".equals(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = authorized ? profile : "missing or wrong token\n".getBytes();
            ex.getResponseHeaders().add("Content-Type", authorized ? "application/octet-stream" : "text/plain");
            ex.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/debug/pprof/moved", ex -> {
            ex.getResponseHeaders().add("Location", "http://elsewhere.example/debug/pprof/heap");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void secondsBecomeAQueryParameterAndTheWaitIsShown() {
        CliRun r = CliRun.of("-top", "-seconds", "1", base + "/debug/pprof/heap");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("main.allocLarge"), r.stdout());
        assertEquals(List.of("seconds=1"), queries);
        assertTrue(r.stderr().contains("Fetching profile over HTTP from " + base + "/debug/pprof/heap?seconds=1"),
                r.stderr());
        assertTrue(r.stderr().contains("Please wait... (1s)"), r.stderr());
    }

    @Test
    void offATerminalTheCountdownPrintsLines() {
        CliRun r = CliRun.of("-top", "-seconds", "3", base + "/debug/pprof/profile");
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stderr().lines().toList();
        // Go's two lines, then one a second for a wait this short (logs get about six per wait)
        assertEquals(List.of("Fetching profile over HTTP from " + base + "/debug/pprof/profile?seconds=3",
                "Please wait... (3s)", "Please wait... 2s left", "Please wait... 1s left"),
                lines.subList(0, Math.min(4, lines.size())), r.stderr());
        assertFalse(r.stderr().contains("\r"), r.stderr());
        assertFalse(r.stderr().contains("\033"), r.stderr());
    }

    @Test
    void onATerminalTheCountdownRewritesOneLineAndErasesIt() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HttpSource http = new HttpSource(base + "/debug/pprof/profile", 3, 0, 1 << 30, err, true);
        try (InputStream in = http.open()) {
            assertTrue(in.readAllBytes().length > 0);
        }
        String shown = bytes.toString(StandardCharsets.UTF_8);
        String url = base + "/debug/pprof/profile?seconds=3";
        assertTrue(shown.startsWith("Fetching profile over HTTP from " + url + "\nPlease wait... (3s)\n"
                + "\rPlease wait... 2s left\033[K\rPlease wait... 1s left\033[K\r"), shown);
        assertTrue(shown.endsWith("\r\033[K"), shown);
        assertEquals(2, shown.chars().filter(c -> c == '\n').count(), shown);
    }

    @Test
    void theWaitIsWrittenAsGoWritesADuration() throws IOException {
        // go tool pprof prints fmt.Sprintf("Please wait... (%v)", duration): 90s is 1m30s
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HttpSource http = new HttpSource(base + "/debug/pprof/heap", 90, 0, 1 << 30,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        try (InputStream in = http.open()) {
            in.readAllBytes();
        }
        assertEquals(List.of("Fetching profile over HTTP from " + base + "/debug/pprof/heap?seconds=90",
                "Please wait... (1m30s)"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void hostPortFormWithoutScheme() {
        CliRun r = CliRun.of("-top", base.substring("http://".length()) + "/debug/pprof/heap");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("null"), queries);
    }

    @Test
    void errorStatusIsOneLine() {
        CliRun r = CliRun.of("-top", base + "/debug/pprof/missing");
        assertNotEquals(0, r.exitCode());
        // the "Fetching profile over HTTP" line first, as go tool pprof prints it, then the error
        List<String> lines = r.stderr().strip().lines().toList();
        assertEquals(2, lines.size(), r.stderr());
        assertEquals("pprof4j: " + base + "/debug/pprof/missing: server response: 404 - profile not found",
                lines.get(1));
    }

    @Test
    void bodyLargerThanTheLimitIsRefused() {
        CliRun r = CliRun.of("-top", "-max_bytes=100", base + "/debug/pprof/heap");
        assertNotEquals(0, r.exitCode());
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains("larger than 100 bytes; raise -max_bytes N"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void aTokenInTheUrlTravelsAsAHeaderAndIsPrintedNowhere() {
        CliRun r = CliRun.of("-top", "-seconds", "1", base + "/debug/pprof/secret?token=s3cret");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("main.allocLarge"), r.stdout());
        assertEquals(List.of("seconds=1"), queries, "the token stays out of the URL sent");
        assertTrue(r.stderr().contains("Fetching profile over HTTP from " + base + "/debug/pprof/secret?seconds=1"),
                r.stderr());
        assertFalse((r.stdout() + r.stderr()).contains("s3cret"), r.stdout() + r.stderr());
    }

    @Test
    void aTokenFileIsReadAndAWrongTokenIsOneLineWithoutIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "s3cret\n");
        CliRun r = CliRun.of("-top", "-token_file", file.toString(), base + "/debug/pprof/secret");
        assertEquals(0, r.exitCode(), r.stderr());

        CliRun wrong = CliRun.of("-top", base + "/debug/pprof/secret?token=wrong1");
        assertNotEquals(0, wrong.exitCode());
        String last = wrong.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("pprof4j: " + base + "/debug/pprof/secret: server response: 401 - missing or wrong token; the agent"
                + " refused the token sent (from -token_file, the URL or $PPROF4J_TOKEN)", last);
        assertFalse(wrong.stderr().contains("wrong1"), wrong.stderr());

        CliRun none = CliRun.of("-top", base + "/debug/pprof/secret");
        assertTrue(none.stderr().contains("401 - missing or wrong token; the agent wants a token: set PPROF4J_TOKEN"
                + " or use -token_file FILE"), none.stderr());
    }

    @Test
    void aRefusedConnectionIsOneClearLine() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun r = CliRun.of("-top", "http://127.0.0.1:" + closed + "/debug/pprof/heap?token=s3cret");
        assertNotEquals(0, r.exitCode());
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("pprof4j: http://127.0.0.1:" + closed + "/debug/pprof/heap: cannot connect to 127.0.0.1:" + closed
                + ": connection refused; is the agent running, and is that its port?", last);
        assertFalse(r.stderr().contains("s3cret"), r.stderr());
    }

    @Test
    void httpsToThisPlainServerSaysUseHttp() {
        long start = System.nanoTime();
        CliRun r = CliRun.of("-top", base.replace("http://", "https://") + "/debug/pprof/heap");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertNotEquals(0, r.exitCode());
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.endsWith("does not speak TLS (it answers plain HTTP); use " + base + "/debug/pprof/heap"), last);
        assertTrue(seconds < 20, "the connect timeout, not the 65 s of the request: " + seconds + " s");
    }

    @Test
    void withATokenNoRedirectIsFollowed() {
        CliRun r = CliRun.of("-top", base + "/debug/pprof/moved?token=s3cret");
        assertNotEquals(0, r.exitCode());
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("pprof4j: " + base + "/debug/pprof/moved: server response: 302 to"
                + " http://elsewhere.example/debug/pprof/heap; a request with a token follows no redirect: use that URL",
                last);
    }
}
