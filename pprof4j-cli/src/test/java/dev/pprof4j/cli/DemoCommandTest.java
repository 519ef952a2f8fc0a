package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo refuses the hunt's bad settings before it starts its service, as leaks does. */
class DemoCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --rounds   | 1  | --rounds must be at least 3
            --interval | 0s | --interval must be positive, e.g. 5s
            """)
    void badHuntSettingsAreRefusedBeforeTheServiceStarts(String option, String value, String message) {
        CliRun r = CliRun.of("demo", option, value);
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertFalse(r.stderr().contains("starting"), r.stderr());
        assertEquals(true, r.stderr().contains(message), r.stderr());
    }
}
