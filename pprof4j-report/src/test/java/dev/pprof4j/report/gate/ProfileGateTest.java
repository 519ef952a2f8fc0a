package dev.pprof4j.report.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pprof4j.profile.Profile;

class ProfileGateTest {
    private static final Profile BASELINE = GateProfiles.allocations(Map.of(
            "com.example.Parser.parse", 600_000L, "com.example.Cache.put", 300_000L, "com.example.Log.write", 100_000L));

    @Test
    void aFunctionThatGrewPastTheThresholdFailsTheGate() {
        Profile current = GateProfiles.allocations(Map.of(
                "com.example.Parser.parse", 600_000L, "com.example.Cache.put", 420_000L, "com.example.Log.write", 100_000L));
        GateResult result = compare(current, null);
        assertTrue(result.regressed());
        // total +12%, Cache.put +120,000 = 12% of the baseline total
        assertEquals(List.of("total", "com.example.Cache.put"), names(result.regressions()));
        assertEquals(1_000_000, result.compared().get(0).baseline());
        assertEquals(1_120_000, result.compared().get(0).current());
    }

    @Test
    void workMovedBetweenFunctionsStillNamesTheOneThatGrew() {
        Profile current = GateProfiles.allocations(Map.of(
                "com.example.Parser.parse", 500_000L, "com.example.Cache.put", 400_000L, "com.example.Log.write", 100_000L));
        GateResult result = compare(current, null);
        assertEquals(List.of("com.example.Cache.put"), names(result.regressions()));
    }

    @Test
    void growthWithinTheThresholdPasses() {
        Profile current = GateProfiles.allocations(Map.of(
                "com.example.Parser.parse", 630_000L, "com.example.Cache.put", 310_000L, "com.example.Log.write", 100_000L,
                "com.example.New.small", 5_000L));
        GateResult result = compare(current, null);
        assertFalse(result.regressed(), GateReport.format(result));
        // every grown function is listed, biggest growth first, but none fails
        assertEquals(List.of("total", "com.example.Parser.parse", "com.example.Cache.put", "com.example.New.small"),
                names(result.compared()));
    }

    @Test
    void choosesTheSampleTypeByNameOrNumber() throws Exception {
        Profile current = GateProfiles.allocations(Map.of("com.example.Parser.parse", 2_000_000L));
        assertEquals("count", ProfileGate.compare(BASELINE, current, "alloc_objects", 0.05).compared().get(0).unit());
        assertEquals("count", ProfileGate.compare(BASELINE, current, "0", 0.05).compared().get(0).unit());
        assertEquals("bytes", ProfileGate.compare(BASELINE, current, null, 0.05).compared().get(0).unit());
        GateInputException e = assertThrows(GateInputException.class,
                () -> ProfileGate.compare(BASELINE, current, "inuse_space", 0.05));
        assertEquals("--sample-index inuse_space: the baseline profile has alloc_objects, alloc_space", e.getMessage());
    }

    private static GateResult compare(Profile current, String sampleIndex) {
        try {
            return ProfileGate.compare(BASELINE, current, sampleIndex, 0.05);
        } catch (GateInputException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(List<Comparison> comparisons) {
        return comparisons.stream().map(Comparison::name).toList();
    }
}
