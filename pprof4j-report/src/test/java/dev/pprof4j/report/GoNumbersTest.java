package dev.pprof4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our %.2f and %5.2g against Go's own output: go-fmt-numbers.golden was printed by Go 1.19
 * running go-fmt-numbers.go.txt (regenerate: go run it, redirect to the golden file).
 */
class GoNumbersTest {
    @Test
    void matchesGoFmtDigitForDigit() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (InputStream in = GoNumbersTest.class.getResourceAsStream("go-fmt-numbers.golden")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\\|", -1);
                double v = Double.parseDouble(f[1]);
                String ours = f[0].equals("f") ? GoNumbers.fixed2(v) : GoNumbers.padLeft(GoNumbers.general2(v), 5);
                if (!ours.equals(f[2])) {
                    failures.add(f[0] + " " + f[1] + ": go '" + f[2] + "' ours '" + ours + "'");
                }
                checked++;
            }
        }
        assertTrue(checked > 600, "golden file read");
        assertEquals(List.of(), failures);
    }

    @Test
    void javaFormatWouldDisagree() {
        // the reason GoNumbers exists: Java rounds the decimal string half up
        assertEquals("0.13", String.format("%.2f", 0.125));
        assertEquals("0.12", GoNumbers.fixed2(0.125));
    }
}
