package dev.pprof4j.report.leaks.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.parse.ThreadDumpParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The goroutines a Go service runs only because the hunt is asking are left out of its thread
 * counts, on a real dump of Go 1.19's net/http/pprof: the handler writing the dump and the
 * read loop of the connection it came on. Under load their number went 1 to 3 between rounds,
 * and the trend read that as a leak of the clean service.
 */
class ServesTheHuntTest {
    @Test
    void theHandlerAndItsConnectionsReadLoopAreTheHunts() throws Exception {
        String dump;
        try (InputStream in = getClass().getResourceAsStream("go-goroutine.debug2.txt")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Stack> kept = new ArrayList<>();
        List<Stack> left = new ArrayList<>();
        ThreadDumpParser.parse(dump, (name, stack, createdBy) ->
                (AgentSnapshots.servesTheHunt(name, stack) ? left : kept).add(stack));
        assertEquals(2, left.size(), "left out: " + left);
        assertTrue(left.stream().anyMatch(s -> s.mentions("net/http/pprof.handler.ServeHTTP")), left.toString());
        assertTrue(left.stream().anyMatch(s -> s.mentions("net/http.(*connReader).backgroundRead")), left.toString());
        // the service's own goroutines stay, its listener among them
        assertTrue(kept.size() >= 3, "kept: " + kept.size());
        assertTrue(kept.stream().anyMatch(s -> s.mentions("net/http.(*Server).Serve")), kept.toString());
        assertTrue(kept.stream().noneMatch(s -> s.mentions("net/http/pprof.")), kept.toString());
    }

    @Test
    void theAgentsOwnThreadsAreTheHunts() {
        assertTrue(AgentSnapshots.servesTheHunt("pprof4j-http-3", new Stack(List.of())));
        assertTrue(!AgentSnapshots.servesTheHunt("http-nio-8080-exec-1", new Stack(List.of())));
    }
}
