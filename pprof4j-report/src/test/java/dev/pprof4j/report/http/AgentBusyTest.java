package dev.pprof4j.report.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentBusyTest {
    /** The runtime's StopTheWorldBudget line for a thread dump, word for word. */
    private static final String DUMP_REFUSED = "goroutine?debug=2 (every thread in one safepoint) stops the application,"
            + " and requests have kept it stopped 18250 ms of the last 60 s (pprof4j allows 30 %); retry in 17 s";

    @Test
    void readsTheAgentsRetryTimeFromItsLine() {
        AgentBusy busy = AgentBusy.of("http://127.0.0.1:6060/debug/pprof/goroutine?debug=2", 429, null, DUMP_REFUSED)
                .orElseThrow();
        assertEquals(Duration.ofSeconds(17), busy.retryAfter());
        assertEquals("http://127.0.0.1:6060/debug/pprof/goroutine?debug=2 answered 429: " + DUMP_REFUSED, busy.getMessage());
    }

    @Test
    void aRetryAfterHeaderInSecondsWins() {
        assertEquals(Duration.ofSeconds(4), AgentBusy.of("x", 429, " 4 ", DUMP_REFUSED).orElseThrow().retryAfter());
        // An HTTP date is not read: the line's own time is used.
        assertEquals(Duration.ofSeconds(17),
                AgentBusy.of("x", 429, "Wed, 21 Oct 2026 07:28:00 GMT", DUMP_REFUSED).orElseThrow().retryAfter());
    }

    @Test
    void otherAnswersAreNoRefusalToWaitOut() {
        assertTrue(AgentBusy.of("x", 503, null, DUMP_REFUSED).isEmpty(), "only 429");
        assertTrue(AgentBusy.of("x", 429, null, "Too Many Requests").isEmpty(), "a 429 that names no time");
        assertTrue(AgentBusy.of("x", 429, null, "retry in 99999999999 s").isEmpty(), "an absurd time");
        assertTrue(AgentBusy.of("x", 200, "5", "").isEmpty());
    }
}
