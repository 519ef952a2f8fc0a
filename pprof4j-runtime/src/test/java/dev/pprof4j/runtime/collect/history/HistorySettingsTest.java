package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.agent.AgentOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistorySettingsTest {
    @Test
    void defaultsToAMinuteTimesSixtyWithoutHistograms() {
        HistorySettings settings = AgentOptions.parse("port=0").history();
        assertEquals(Duration.ofMinutes(1), settings.interval());
        assertEquals(60, settings.size());
        assertFalse(settings.histograms(), "a histogram is a stop-the-world full GC: only on request");
    }

    @Test
    void histogramsAreTakenOnlyWhenAskedFor() {
        assertTrue(AgentOptions.parse("history=10s,historyhistograms=on").history().histograms());
        assertFalse(AgentOptions.parse("history=10s,historyhistograms=off").history().histograms());
    }

    @Test
    void refusesWhatItCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("historyhistograms=yes").history());
        assertTrue(e.getMessage().startsWith("historyhistograms=yes must be on or off"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("history=10").history());
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("historysize=1").history());
    }

    @Test
    void zeroTurnsItOff() {
        assertFalse(AgentOptions.parse("history=0").history().enabled());
    }
}
