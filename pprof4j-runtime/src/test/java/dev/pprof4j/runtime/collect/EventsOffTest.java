package dev.pprof4j.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.agent.AgentOptions;
import org.junit.jupiter.api.Test;

/** {@code events=off}: no always-on JFR stream, and what needs it says why instead of answering empty. */
class EventsOffTest {
    @Test
    void eventsOffLeavesTheStreamOffAndSaysSo() throws Exception {
        try (CollectorSet off = CollectorSet.start(AgentOptions.parse("port=0,events=off,memprofilerate=0,cpuengine=jfr"),
                null, false)) {
            assertNotNull(off.eventsUnavailableReason());
            assertTrue(off.eventsUnavailableReason().contains("events=off"), off.eventsUnavailableReason());
            CollectorUnavailableException e = assertThrows(CollectorUnavailableException.class, off::block);
            assertTrue(e.getMessage().contains("events=off"), e.getMessage());
        }
        try (CollectorSet on = CollectorSet.start(AgentOptions.parse("port=0,memprofilerate=0,cpuengine=jfr"), null, false)) {
            assertNull(on.eventsUnavailableReason(), "JFR runs in this test JVM, so the stream starts by default");
            assertNotNull(on.block());
        }
    }
}
