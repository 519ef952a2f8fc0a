package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pprof4j.profile.Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * go tool pprof's habits with remote sources, without a network: which sources are URLs and
 * what they become (cmd/pprof's {@code adjustURL}), gzipped text served over HTTP, and where
 * fetched profiles are saved. GoFetchHabitsIT runs the same against a real agent.
 */
class GoFetchHabitsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "localhost:6060, http://localhost:6060/debug/pprof/profile",
        "localhost:6060/, http://localhost:6060/debug/pprof/profile",
        "127.0.0.1:6060, http://127.0.0.1:6060/debug/pprof/profile",
        "'[::1]:6060', 'http://[::1]:6060/debug/pprof/profile'",
        "localhost:6060/debug/pprof/heap, http://localhost:6060/debug/pprof/heap",
        "svc.internal:6060/debug/pprof/heap?gc=1, http://svc.internal:6060/debug/pprof/heap?gc=1",
        "https://svc:443, https://svc:443/debug/pprof/profile",
        "http://svc:6060/debug/pprof/heap, http://svc:6060/debug/pprof/heap",
        "http://svc:6060/?seconds=5, http://svc:6060/debug/pprof/profile?seconds=5",
        // Not URLs (Go opens them as files): no host, or a scheme that has none.
        "h1.pb.gz, none",
        "/tmp/h1.pb.gz, none",
        "localhost, none",
        "file:///tmp/h1.pb.gz, none",
        "dir/with:colon.pb.gz, none",
    })
    void sourcesBecomeUrlsAsInGo(String source, String url) {
        assertEquals(url, HttpSource.adjustUrl(source));
    }

    @Test
    void gzippedTextServedOverHttpIsReadAsTheFileIs(@TempDir Path dir) throws Exception {
        byte[] text = Files.readAllBytes(godump("heap.debug1.txt"));
        byte[] gzipped = gzip(text);
        List<String> acceptEncodings = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A Go service behind a compressing proxy: the text, with Content-Encoding: gzip.
        server.createContext("/debug/pprof/heap", ex -> {
            acceptEncodings.add(String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")));
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            send(ex, gzipped);
        });
        // A saved dump served as a file: gzip bytes, no Content-Encoding.
        server.createContext("/dumps/heap.txt.gz", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/gzip");
            send(ex, gzipped);
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            CliRun fromFile = CliRun.of("-top", godump("heap.debug1.txt").toString());
            assertEquals(0, fromFile.exitCode(), fromFile.stderr());
            assertTrue(fromFile.stdout().contains("main.retainBuffers"), fromFile.stdout());
            for (String url : List.of(base + "/debug/pprof/heap?debug=1", base + "/dumps/heap.txt.gz")) {
                CliRun fromUrl = CliRun.of("-top", url);
                assertEquals(0, fromUrl.exitCode(), url + ": " + fromUrl.stderr());
                assertEquals(fromFile.stdout(), fromUrl.stdout(), url);
            }
            assertEquals(List.of("gzip"), acceptEncodings, "go's client asks for gzip, so does ours");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aLyingContentEncodingIsOneLine() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/debug/pprof/heap", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            send(ex, "not gzip at all".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/debug/pprof/heap";
            CliRun r = CliRun.of("-top", url);
            assertEquals(1, r.exitCode(), r.stderr());
            String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("pprof4j: " + url + ": decompressing the response (Content-Encoding: gzip): "),
                    last);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void savedProfilesAreNamedAsGoNamesThemAndNeverOverwritten(@TempDir Path tmp) throws Exception {
        Profile heap = ProfileOps.decode(godump("heap.pb.gz"), Sources.DEFAULT_MAX_BYTES);
        Path pprofTmp = tmp.resolve("pprof-tmp");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        SavedProfiles saved = SavedProfiles.inEnvironment(
                Map.of(SavedProfiles.TMPDIR_ENV, pprofTmp.toString(), "HOME", tmp.resolve("home").toString()), errStream);
        String prefix = SavedProfiles.prefix(heap);
        // Go's name: the first mapping's base name, then every sample type.
        String binary = Path.of(heap.mappings.get(0).file).getFileName().toString();
        assertEquals("pprof." + binary + ".alloc_objects.alloc_space.inuse_objects.inuse_space.", prefix);
        Files.createDirectories(pprofTmp);
        byte[] someoneElses = "keep me".getBytes(StandardCharsets.UTF_8);
        Files.write(pprofTmp.resolve(prefix + "001.pb.gz"), someoneElses);

        saved.save(heap);
        saved.save(heap);
        assertArrayEquals(someoneElses, Files.readAllBytes(pprofTmp.resolve(prefix + "001.pb.gz")));
        assertEquals("Saved profile in " + pprofTmp.resolve(prefix + "002.pb.gz") + "\n"
                + "Saved profile in " + pprofTmp.resolve(prefix + "003.pb.gz") + "\n", err.toString(StandardCharsets.UTF_8));
        Profile back = ProfileOps.decode(pprofTmp.resolve(prefix + "003.pb.gz"), Sources.DEFAULT_MAX_BYTES);
        assertEquals(heap.samples.size(), back.samples.size());

        // Without PPROF_TMPDIR: $HOME/pprof, made when missing.
        err.reset();
        SavedProfiles.inEnvironment(Map.of("HOME", tmp.resolve("home").toString()), errStream).save(heap);
        Path inHome = tmp.resolve("home").resolve("pprof").resolve(prefix + "001.pb.gz");
        assertEquals("Saved profile in " + inHome + "\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(inHome));
    }

    @Test
    void aDirectoryThatCannotBeMadeIsSaidAndTheNextIsUsed(@TempDir Path tmp) throws Exception {
        Profile heap = ProfileOps.decode(godump("heap.pb.gz"), Sources.DEFAULT_MAX_BYTES);
        Path aFile = Files.writeString(tmp.resolve("not-a-dir"), "x");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SavedProfiles.inEnvironment(Map.of(SavedProfiles.TMPDIR_ENV, aFile.toString(), "HOME", tmp.toString()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).save(heap);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Could not use temp dir " + aFile + ": "), lines.get(0));
        assertEquals("Saved profile in " + tmp.resolve("pprof").resolve(SavedProfiles.prefix(heap) + "001.pb.gz"),
                lines.get(1));
    }

    @Test
    void localFilesAreNotSaved(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Sources sources = new Sources(Sources.DEFAULT_MAX_BYTES, -1, -1, new PrintStream(err, true, StandardCharsets.UTF_8))
                .savingFetched(SavedProfiles.inEnvironment(Map.of(SavedProfiles.TMPDIR_ENV, tmp.toString()),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));
        sources.load(List.of(godump("heap.pb.gz").toString()), List.of(), List.of());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count());
        }
    }

    private static Path godump(String name) throws Exception {
        return Path.of(GoFetchHabitsTest.class.getResource("godumps/" + name).toURI());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
