package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -max_bytes N} bounds the decompressed size too, and the refusal names that flag:
 * the command line passes its own limit to the decoder, so the library's system property
 * would change nothing.
 */
class MaxBytesTest {
    /** 2 000 bytes of well-formed samples in about a hundred of gzip: under the limit on disk, over it inflated. */
    private static byte[] inflatesPastTheLimit() throws IOException {
        byte[] header = {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x32, 0x00,
            0x32, 0x07, 's', 'a', 'm', 'p', 'l', 'e', 's', 0x32, 0x05, 'c', 'o', 'u', 'n', 't'};
        byte[] data = new byte[header.length + 2000];
        System.arraycopy(header, 0, data, 0, header.length);
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        for (int i = header.length; i < data.length; i++) {
            data[i] = sample[(i - header.length) % sample.length];
        }
        return HostileInputIT.gzip(data);
    }

    @Test
    void aFileNamesTheFlag(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("small-bomb.pb.gz");
        Files.write(file, inflatesPastTheLimit());
        assertTrue(Files.size(file) < 1000, Files.size(file) + " bytes");
        CliRun r = CliRun.of("-top", "-max_bytes=1000", file.toString());
        assertNotEquals(0, r.exitCode());
        assertEquals(List.of("pprof4j: " + file + ": decompressing profile: larger than 1000 bytes when decompressed"
                + " (a gzip bomb?); if it is genuine, raise the limit with -max_bytes N"), r.stderr().strip().lines().toList());
    }

    @Test
    void aUrlNamesTheFlag() throws IOException {
        byte[] body = inflatesPastTheLimit();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/debug/pprof/heap", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/debug/pprof/heap";
            CliRun r = CliRun.of("-top", "-max_bytes=1000", url);
            assertNotEquals(0, r.exitCode());
            String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.endsWith("raise the limit with -max_bytes N"), r.stderr());
            assertFalse(r.stderr().contains("-Dpprof4j"), r.stderr());
        } finally {
            server.stop(0);
        }
    }
}
