package dev.pprof4j.report.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.report.http.AgentBusy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BusyWaitTest {
    private static AgentBusy retryIn(long seconds) {
        return AgentBusy.of("x", 429, null, "heap?debug=1 stops the application; retry in " + seconds + " s").orElseThrow();
    }

    @Test
    void waitsWhatTheAgentAsksUntilTheCapIsSpent() {
        BusyWait busy = new BusyWait(Duration.ofSeconds(120));
        assertEquals(Optional.of(Duration.ofSeconds(60)), busy.admit(retryIn(60)));
        assertEquals(Optional.of(Duration.ofSeconds(45)), busy.admit(retryIn(45)));
        assertTrue(busy.admit(retryIn(16)).isEmpty(), "121 s would pass the cap");
        assertEquals(Optional.of(Duration.ofSeconds(15)), busy.admit(retryIn(15)), "exactly the cap");
        assertEquals(Duration.ofSeconds(120), busy.waited());
        assertTrue(busy.admit(retryIn(1)).isEmpty());
    }

    @Test
    void noWaitingEndsAtTheFirstRefusal() {
        BusyWait busy = new BusyWait(BusyWait.NO_WAITING);
        assertTrue(busy.admit(retryIn(1)).isEmpty());
        assertEquals(Duration.ZERO, busy.waited());
    }
}
