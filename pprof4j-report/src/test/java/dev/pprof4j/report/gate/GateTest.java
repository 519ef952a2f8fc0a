package dev.pprof4j.report.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pprof4j.profile.ProfileEncoder;

/** Files on disk: profiles written by the encoder, JMH JSON, and inputs that cannot be compared. */
class GateTest {
    @TempDir
    Path dir;

    @Test
    void comparesProfileFiles() throws Exception {
        Path base = dir.resolve("base.pb.gz");
        Path current = dir.resolve("current.pb.gz");
        ProfileEncoder.writeGzip(GateProfiles.allocations(Map.of("a.B.c", 1_000_000L)), base);
        ProfileEncoder.writeGzip(GateProfiles.allocations(Map.of("a.B.c", 1_000_000L, "a.B.leak", 200_000L)), current);
        GateResult result = Gate.compare(base, current, "alloc_space", 0.05);
        String report = GateReport.format(result);
        assertTrue(result.regressed(), report);
        assertTrue(report.contains("FAIL: 2 metrics regressed:\n"), report);
        assertTrue(report.contains("     +20.0%      976.56kB -> 1.14MB       total\n"), report);
        // a function's change is a share of the baseline total, as the verdict judges it
        assertTrue(report.contains("     +20.0%            0B -> 195.31kB     a.B.leak (new)\n"), report);
    }

    /**
     * A function that doubles from a small share is within a threshold on the total: the
     * column shows the share the verdict used, and the function's own change beside its name.
     */
    @Test
    void aFunctionsRowShowsTheShareItsVerdictUses() throws Exception {
        Path base = dir.resolve("base.pb.gz");
        Path current = dir.resolve("current.pb.gz");
        ProfileEncoder.writeGzip(GateProfiles.allocations(Map.of("a.B.c", 997_000L, "a.B.small", 3_000L)), base);
        ProfileEncoder.writeGzip(GateProfiles.allocations(Map.of("a.B.c", 997_000L, "a.B.small", 6_000L)), current);
        GateResult result = Gate.compare(base, current, "alloc_space", 0.5);
        String report = GateReport.format(result);
        assertTrue(!result.regressed(), report);
        assertTrue(report.contains("within the threshold:\n"), report);
        assertTrue(report.contains("      +0.3%        2.93kB -> 5.86kB       a.B.small (itself +100.0%)\n"), report);
    }

    @Test
    void refusesInputsOfDifferentKindsOrBrokenOnes() throws Exception {
        Path json = dir.resolve("r.json");
        Files.writeString(json, JmhGateTest.resource("jmh-baseline.json"));
        Path profile = dir.resolve("p.pb.gz");
        ProfileEncoder.writeGzip(GateProfiles.allocations(Map.of("a.B.c", 1L)), profile);
        GateInputException e = assertThrows(GateInputException.class, () -> Gate.compare(json, profile, null, 0.05));
        assertEquals("cannot compare " + json + " (JMH JSON) with " + profile + " (not JSON, so read as a pprof profile); give two of a kind",
                e.getMessage());
        Path missing = dir.resolve("missing.pb.gz");
        e = assertThrows(GateInputException.class, () -> Gate.compare(missing, profile, null, 0.05));
        assertEquals(missing + ": no such file", e.getMessage());
        Path garbage = dir.resolve("garbage.pb.gz");
        Files.write(garbage, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        e = assertThrows(GateInputException.class, () -> Gate.compare(garbage, profile, null, 0.05));
        assertTrue(e.getMessage().startsWith(garbage + ": "), e.getMessage());
    }

    @Test
    void readsThresholdsAsPercentages() {
        assertEquals(0.05, Gate.parseMaxIncrease("5%"), 1e-12);
        assertEquals(0.125, Gate.parseMaxIncrease("12.5%"), 1e-12);
        assertEquals(0.0, Gate.parseMaxIncrease("0%"));
        for (String bad : new String[] {"5", "0.05", "-1%", "x%", "NaN%"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gate.parseMaxIncrease(bad));
            assertEquals("--max-increase " + bad + ": write a non-negative percentage such as 5%", e.getMessage());
        }
    }
}
