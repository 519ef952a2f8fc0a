package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationsTest {
    @ParameterizedTest
    @CsvSource({
        "90s, 90000000000",
        "10m, 600000000000",
        "1h, 3600000000000",
        "1m30s, 90000000000",
        "1.5h, 5400000000000",
        ".5s, 500000000",
        "500ms, 500000000",
        "2us, 2000",
        "2µs, 2000",
        "7ns, 7",
        "0, 0",
        "+5s, 5000000000",
        "-5s, -5000000000",
        "1h0m0s, 3600000000000",
    })
    void readsWhatGoReads(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDurations.parse(text));
    }

    /** time.ParseDuration refuses all of these. */
    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1d", "5 s", " 5s", "5s ", "1..5s", ".s", "-", "5S", "1m-5s", "five"})
    void refusesWhatGoRefuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));
        assertTrue(e.getMessage().startsWith("invalid duration \"" + text + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "1500, 1.5s", "60000, 1m0s", "3723000, 1h2m3s", "250, 250ms"})
    void printsAsGoPrints(long millis, String text) {
        assertEquals(text, GoDurations.format(Duration.ofMillis(millis)));
    }
}
