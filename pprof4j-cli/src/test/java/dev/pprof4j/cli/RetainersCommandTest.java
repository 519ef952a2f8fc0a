package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pprof4j retainers}: what it asks the agent, and its one-line errors (a stand-in agent). */
class RetainersCommandTest {
    private static final String ANSWER = """
            retainers of objects allocated at a frame matching 'LeakyCache\\.fill' (4 sites; walked 186641 objects: \
            646 of 646 live samples of the sites reached, 1 chain shapes)
                 samples     est. bytes  chain from a GC root
                     631       41992525  static LeakyCache.ENTRIES -> java.util.concurrent.ConcurrentHashMap.table \
            -> java.util.concurrent.ConcurrentHashMap$Node[] -> java.util.concurrent.ConcurrentHashMap$Node.val -> byte[]
            """;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private HttpServer agent;
    private String address;

    @BeforeEach
    void standInAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/debug/pprof/heap/retainers", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            boolean known = query.contains("LeakyCache") || query.contains("class=");
            byte[] body = (known ? ANSWER : "no sampled allocation site has a frame matching 'Nope'\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        agent.start();
        address = "127.0.0.1:" + agent.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        agent.stop(0);
    }

    @Test
    void bySiteAsksForTheEncodedRegexAndPrintsTheChains() {
        CliRun run = CliRun.of("retainers", "-site", "LeakyCache\\.fill", "-max_ms", "2000", address);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("site=LeakyCache%5C.fill&max_ms=2000"), queries);
        assertEquals(ANSWER, run.stdout());
    }

    @Test
    void byClassAsksForTheClass() {
        CliRun run = CliRun.of("retainers", address, "byte[]");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("class=byte%5B%5D"), queries);
    }

    @Test
    void neitherOrBothIsOneLine() {
        for (CliRun run : List.of(CliRun.of("retainers", address), CliRun.of("retainers", "-site", "x", address, "byte[]"))) {
            assertEquals(RetainersCommand.CANNOT_ASK, run.exitCode(), run.stderr());
            assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
            assertTrue(run.stderr().contains("-site"), run.stderr());
            assertFalse(run.stderr().contains("Exception"), run.stderr());
        }
        assertEquals(List.of(), queries);
    }

    @Test
    void anUnknownSiteIsTheAgentsOneLine() {
        CliRun run = CliRun.of("retainers", "-site", "Nope", address);
        assertEquals(RetainersCommand.CANNOT_ASK, run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertTrue(run.stderr().contains("HTTP 404") && run.stderr().contains("no sampled allocation site"), run.stderr());
    }
}
