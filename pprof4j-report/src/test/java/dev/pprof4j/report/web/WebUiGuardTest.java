package dev.pprof4j.report.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web UI answers only its own pages: a foreign Host (DNS rebinding) and cross-site
 * requests are refused for every method before anything runs, a cross-site POST /refresh
 * refreshes nothing, and the source view shows only files inside its source path. Raw
 * requests on a socket, since the JDK's client will not send a Host header of our choosing.
 */
class WebUiGuardTest {
    @TempDir
    static Path dir;
    static Path sources;
    static WebUi ui;
    static int port;
    static final AtomicInteger loads = new AtomicInteger();
    /** The file name the next loaded profile gives dev.example.Cache.put. */
    static final AtomicReference<String> cacheFile = new AtomicReference<>("Cache.java");

    record Answer(int status, String body) {
    }

    @BeforeAll
    static void start() throws IOException {
        sources = Files.createDirectories(dir.resolve("src"));
        ShopProfile.writeSource(sources);
        Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("Secret.java"), "outside-the-root\n");
        Files.createSymbolicLink(sources.resolve("Linked.java"), dir.resolve("outside/Secret.java"));
        Files.writeString(Files.createDirectories(sources.resolve(".hidden")).resolve("Key.java"), "hidden-key\n");
        ui = WebUi.builder(() -> {
            loads.incrementAndGet();
            Profile p = ShopProfile.profile();
            for (Function f : p.functions) {
                if (f.name.equals("dev.example.Cache.put")) {
                    f.filename = cacheFile.get();
                }
            }
            return ProfileSource.Snapshot.of(p, "shop");
        }).bind("127.0.0.1", 0).sourcePath(List.of(sources)).allowHosts(List.of("profiles.example"))
                .dotCommand("/nonexistent/dot").start();
        port = ui.address().getPort();
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    static Answer request(String method, String path, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            boolean host = false;
            for (String h : headers) {
                sb.append(h).append("\r\n");
                host |= h.startsWith("Host:");
            }
            if (!host) {
                sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            sb.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            int body = all.indexOf("\r\n\r\n");
            return new Answer(status, body < 0 ? "" : all.substring(body + 4));
        }
    }

    @Test
    void sameOriginUseWorks() throws IOException {
        assertEquals(200, request("GET", "/top").status());
        assertEquals(200, request("GET", "/top", "Host: localhost:" + port, "Sec-Fetch-Site: same-origin").status());
        assertEquals(200, request("GET", "/top", "Host: 127.0.0.1:" + port, "Sec-Fetch-Site: none").status());
        assertEquals(200, request("GET", "/top", "Host: profiles.example", "Origin: https://profiles.example").status(),
                "a host allowed with allowHosts, behind a proxy on another port");
        int before = loads.get();
        Answer refresh = request("POST", "/refresh", "Origin: http://127.0.0.1:" + port, "Sec-Fetch-Site: same-origin");
        assertEquals(303, refresh.status(), refresh.body());
        assertEquals(before + 1, loads.get(), "a same-origin refresh loads the profile again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "DELETE", "OPTIONS"})
    void aForeignHostIsRefusedForEveryMethod(String method) throws IOException {
        int before = loads.get();
        Answer a = request(method, method.equals("POST") ? "/refresh" : "/top", "Host: evil.example:" + port);
        assertEquals(403, a.status(), a.body());
        if (!method.equals("HEAD")) {
            assertEquals("refused: Host evil.example:" + port + " is not this server's address (a page of another site"
                    + " reaching it through DNS rebinding?); open it as http://localhost:" + port + "/ or allow that"
                    + " host name with -http_allow_host=evil.example\n", a.body());
        }
        assertEquals(before, loads.get(), "nothing ran");
        assertEquals(403, request(method, "/top", "Host: 127.0.0.1:1").status(), "our address on another port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "DELETE", "OPTIONS"})
    void crossSiteRequestsAreRefusedForEveryMethod(String method) throws IOException {
        int before = loads.get();
        String path = method.equals("POST") ? "/refresh" : "/top";
        assertEquals(403, request(method, path, "Sec-Fetch-Site: cross-site", "Origin: http://evil.example").status());
        assertEquals(403, request(method, path, "Sec-Fetch-Site: cross-site").status());
        assertEquals(403, request(method, path, "Origin: http://evil.example").status());
        assertEquals(403, request(method, path, "Origin: null").status());
        assertEquals(403, request(method, path, "Sec-Fetch-Site: same-site", "Origin: http://localhost:3000").status(),
                "another port of localhost is another site's page");
        assertEquals(before, loads.get(), "no refresh ran for another site");
    }

    static String sourceOfCachePut(String file) throws IOException {
        cacheFile.set(file);
        assertEquals(303, request("POST", "/refresh").status());
        Answer a = request("GET", "/source?f=" + URLEncoder.encode("Cache\\.put", StandardCharsets.UTF_8));
        assertEquals(200, a.status(), a.body());
        return a.body();
    }

    @Test
    void theSourceViewShowsOnlyFilesInsideItsSourcePath() throws IOException {
        try {
            String passwd = sourceOfCachePut("/etc/passwd");
            assertTrue(passwd.contains("Source not shown: /etc/passwd is outside the source path; add its directory"
                    + " with -source_path DIRS."), passwd);
            assertFalse(passwd.contains("root:"), passwd);
            String environ = sourceOfCachePut("/proc/self/environ");
            assertTrue(environ.contains("Source not shown: /proc/self/environ"), environ);
            assertFalse(environ.contains("PATH="), environ);
            String climb = sourceOfCachePut("../outside/Secret.java");
            assertTrue(climb.contains("Source not shown: ../outside/Secret.java climbs out with &#39;..&#39;")
                    || climb.contains("Source not shown: ../outside/Secret.java climbs out with '..'"), climb);
            String linked = sourceOfCachePut("Linked.java");
            assertTrue(linked.contains("is outside the source path"), linked);
            assertFalse(linked.contains("outside-the-root"), linked);
            String hidden = sourceOfCachePut(".hidden/Key.java");
            assertTrue(hidden.contains("hidden files are not shown"), hidden);
            assertFalse(hidden.contains("hidden-key"), hidden);
            String inside = sourceOfCachePut("dev/example/Shop.java");
            assertFalse(inside.contains("Source not shown"), inside);
            assertTrue(inside.contains(sources.toRealPath().resolve("dev/example/Shop.java").toString()), inside);
        } finally {
            cacheFile.set("Cache.java");
        }
    }
}
