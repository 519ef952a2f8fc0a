package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationsTest {
    /** What go 1.19's {@code fmt.Print(time.Duration(n))} printed for each n. */
    @ParameterizedTest
    @CsvSource({"0, 0s", "1, 1ns", "1100, 1.1µs", "2200000, 2.2ms", "3300000000, 3.3s", "245000000000, 4m5s",
        "245001000000, 4m5.001s", "18367001000000, 5h6m7.001s", "480000000001, 8m0.000000001s",
        "9223372036854775807, 2562047h47m16.854775807s", "-1500000000, -1.5s", "250000000, 250ms",
        "60000000000, 1m0s", "3723000000000, 1h2m3s"})
    void printsAsGoPrints(long nanos, String text) {
        assertEquals(text, GoDurations.format(nanos));
        assertEquals(text, GoDurations.format(Duration.ofNanos(nanos)));
    }

    @Test
    void readsBackWhatItPrints() {
        Random random = new Random(20);
        for (int i = 0; i < 10_000; i++) {
            long nanos = random.nextLong() >> random.nextInt(63);
            if (nanos == Long.MIN_VALUE) {
                continue;
            }
            String text = GoDurations.format(nanos);
            long back = GoDurations.parse(text).toNanos();
            // parse sums in double, exact to 2^53 ns (104 days); beyond, to its precision
            assertTrue(Math.abs(back - nanos) <= Math.max(1, Math.abs(nanos) / (1L << 52)), text + " read as " + back);
        }
    }

    @ParameterizedTest
    @CsvSource({"90s, 90000000000", "1m30s, 90000000000", "1.5h, 5400000000000", "0, 0", "-2ms, -2000000",
        "1us, 1000", "1µs, 1000", "+3ns, 3", "10m, 600000000000", "1h, 3600000000000", ".5s, 500000000",
        "500ms, 500000000", "-5s, -5000000000", "1h0m0s, 3600000000000"})
    void readsGoSyntax(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDurations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1d", "5 s", " 5s", "5s ", "1..5s", ".s", "-", "5S", "1m-5s", "five"})
    void refusesWhatGoRefuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));
        assertTrue(e.getMessage().startsWith("invalid duration \"" + text + "\""), e.getMessage());
    }
}
