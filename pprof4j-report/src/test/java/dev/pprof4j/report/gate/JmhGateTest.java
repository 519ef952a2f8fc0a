package dev.pprof4j.report.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Real JMH 1.37 results (see src/test/resources/gate/README.md for how they were made). */
class JmhGateTest {
    static String resource(String name) throws IOException {
        try (InputStream in = JmhGateTest.class.getResourceAsStream("/gate/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBenchmarkThatStartedBoxingRegressesItsAllocationRate() throws Exception {
        GateResult result = JmhGate.compare(resource("jmh-baseline.json"), resource("jmh-current.json"),
                "gc.alloc.rate.norm", 0.05);
        assertEquals(List.of("bench.Boxing.primitive avgt size=10 gc.alloc.rate.norm",
                "bench.Boxing.primitive avgt size=1000 gc.alloc.rate.norm"),
                result.regressions().stream().map(Comparison::name).toList(), GateReport.format(result));
        // boxed() did not change: its B/op stays within a fraction of a percent
        assertEquals(4, result.compared().size());
        Comparison boxed = result.compared().get(1);
        assertEquals("bench.Boxing.boxed avgt size=1000 gc.alloc.rate.norm", boxed.name());
        assertTrue(Math.abs(boxed.worsening()) < 0.001, boxed.toString());
        assertEquals("B/op", boxed.unit());
        // from about 0 B/op the percentage means nothing; the report says so
        assertTrue(GateReport.format(result).contains("  +>9999%    0.000 B/op -> 240.032 B/op bench.Boxing.primitive"),
                GateReport.format(result));
    }

    @Test
    void scoresAreComparedTooByDefault() throws Exception {
        GateResult result = JmhGate.compare(resource("jmh-baseline.json"), resource("jmh-current.json"), null, 0.05);
        List<String> regressed = result.regressions().stream().map(Comparison::name).toList();
        assertTrue(regressed.contains("bench.Boxing.primitive avgt size=1000 score"), regressed.toString());
        assertEquals(8, result.compared().size());
        assertTrue(GateReport.format(result).startsWith("gate: JMH results (score, gc.alloc.rate.norm), failing"
                + " when one grows by more than 5%\nFAIL: "), GateReport.format(result));
    }

    @Test
    void aResultComparedWithItselfPasses() throws Exception {
        GateResult result = JmhGate.compare(resource("jmh-baseline.json"), resource("jmh-baseline.json"), null, 0.0);
        assertFalse(result.regressed(), GateReport.format(result));
    }

    @Test
    void aWholeNumberScoreIsAScore() throws Exception {
        // JMH writes 1000 for a score of exactly 1000: it must count as 1000, not go missing
        String base = "[{\"benchmark\":\"b.X.run\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1000,\"scoreUnit\":\"ns/op\"}}]";
        GateResult result = JmhGate.compare(base, base.replace("1000", "1200"), null, 0.05);
        assertEquals(1, result.compared().size(), GateReport.format(result));
        assertTrue(result.regressed(), GateReport.format(result));
    }

    @Test
    void textThatIsNotJsonIsRefusedInOneLine() {
        GateInputException e = assertThrows(GateInputException.class,
                () -> JmhGate.compare("[{\"benchmark\": ", "[]", null, 0.05));
        assertTrue(e.getMessage().startsWith("the baseline file is not JSON: JSON at character "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void inThroughputModeADropIsTheRegression() throws Exception {
        String base = "[{\"benchmark\":\"b.X.run\",\"mode\":\"thrpt\",\"primaryMetric\":{\"score\":1000.0,\"scoreUnit\":\"ops/s\"}}]";
        String slower = base.replace("1000.0", "900.0");
        String faster = base.replace("1000.0", "2000.0");
        assertTrue(JmhGate.compare(base, slower, null, 0.05).regressed());
        assertFalse(JmhGate.compare(base, faster, null, 0.05).regressed());
    }

    @Test
    void refusesFilesThatAreNotJmhResults() {
        GateInputException e = assertThrows(GateInputException.class,
                () -> JmhGate.compare("{\"a\":1}", "[]", null, 0.05));
        assertEquals("the baseline file is not a JMH result: expected a JSON array (write one with -rf json)",
                e.getMessage());
        String noGc = "[{\"benchmark\":\"b.X.run\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1.0,\"scoreUnit\":\"ns/op\"}}]";
        e = assertThrows(GateInputException.class, () -> JmhGate.compare(noGc, noGc, "gc.alloc.rate.norm", 0.05));
        assertEquals("no benchmark has gc.alloc.rate.norm in both files (gc.alloc.rate.norm needs -prof gc)",
                e.getMessage());
    }
}
