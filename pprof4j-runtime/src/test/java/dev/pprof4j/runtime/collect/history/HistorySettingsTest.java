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
        HistorySettings settings = HistorySettings.from(AgentOptions.parse("port=0"));
        assertEquals(Duration.ofMinutes(1), settings.interval());
        assertEquals(60, settings.size());
        assertFalse(settings.histograms(), "a histogram is a stop-the-world full GC: only on request");
    }

    @Test
    void histogramsAreTakenOnlyWhenAskedFor() {
        assertTrue(HistorySettings.from(AgentOptions.parse("history=10s,historyhistograms=on")).histograms());
        assertFalse(HistorySettings.from(AgentOptions.parse("history=10s,historyhistograms=off")).histograms());
    }

    @Test
    void refusesWhatItCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistorySettings.from(AgentOptions.parse("historyhistograms=yes")));
        assertTrue(e.getMessage().startsWith("historyhistograms=yes must be on or off"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistorySettings.from(AgentOptions.parse("history=10")));
        assertThrows(IllegalArgumentException.class, () -> HistorySettings.from(AgentOptions.parse("historysize=1")));
    }

    @Test
    void zeroTurnsItOff() {
        assertFalse(HistorySettings.from(AgentOptions.parse("history=0")).enabled());
    }
}
