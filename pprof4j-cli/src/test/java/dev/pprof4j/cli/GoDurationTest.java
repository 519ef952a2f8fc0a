package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void readsGoSyntaxAndForgivesSurroundingSpaces() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofSeconds(5), GoDuration.parse(" 5s "));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
    }

    @Test
    void refusesWhatNoOptionTakesWithOneLine() {
        assertTrue(message("-5s").contains("must not be negative"), message("-5s"));
        assertTrue(message("10").contains("missing unit"), message("10"));
        assertTrue(message("1d").contains("unknown unit \"d\""), message("1d"));
        // Every refusal names Go's syntax (LeakHuntIT checks the CLI's line for it).
        for (String bad : new String[] {"10", "1d", "", "5 seconds", "-5s"}) {
            assertTrue(message(bad).contains("Go's syntax") || bad.equals("-5s"), message(bad));
        }
        assertTrue(message("").contains("use Go's syntax"), message(""));
    }

    private static String message(String text) {
        String m = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text)).getMessage();
        assertEquals(-1, m.indexOf('\n'), m);
        return m;
    }
}
