package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pprof4j.testkit.Command;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go tool pprof's {@code https+insecure://}: a profile from an HTTPS server whose certificate
 * is self-signed and names another host is fetched, where {@code https://} refuses it.
 */
class InsecureHttpsTest {
    private static final String EXAMPLE = "../examples/go-heap.pb.gz";
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String hostPort;

    @BeforeAll
    static void start() throws Exception {
        // a self-signed certificate for a name that is not the server's: both checks would fail
        Path keystore = dir.resolve("self-signed.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> gen = List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=not-this-host.invalid", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        Command.run(Duration.ofMinutes(1), dir, gen).requireSuccess(gen);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        byte[] profile = Files.readAllBytes(Path.of(EXAMPLE));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/debug/pprof/heap", ex -> {
            ex.sendResponseHeaders(200, profile.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(profile);
            }
        });
        server.start();
        hostPort = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void insecureSchemeFetchesFromASelfSignedServer() {
        CliRun fetched = CliRun.of("-top", "https+insecure://" + hostPort + "/debug/pprof/heap");
        assertEquals(0, fetched.exitCode(), fetched.stderr());
        CliRun local = CliRun.of("-top", EXAMPLE);
        assertEquals(local.stdout().lines().skip(1).toList(), fetched.stdout().lines().skip(1).toList(),
                "the rows of the fetched profile are the file's (the File: line names the source)");
        assertTrue(fetched.stderr().contains("Fetching profile over HTTP from https+insecure://" + hostPort), fetched.stderr());
    }

    @Test
    void httpsStillChecksTheCertificate() {
        CliRun refused = CliRun.of("-top", "https://" + hostPort + "/debug/pprof/heap");
        assertNotEquals(0, refused.exitCode(), refused.stdout());
        List<String> lines = refused.stderr().strip().lines().toList();
        String message = lines.get(lines.size() - 1); // after the "Fetching profile" line
        assertTrue(!refused.stderr().contains("Exception") && message.endsWith("certificate is not trusted (self-signed, from a private CA,"
                + " or for another host name); to fetch without checking it, as go tool pprof does, use https+insecure://"
                + hostPort + "/debug/pprof/heap"), message);
    }
}
