package dev.pprof4j.report.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.protocol.ClassNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramDiffTest {
    // As jcmd 17 prints it; the second histogram also comes in debug=1's "# " form.
    static final String BEFORE = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000         100000  [B (java.base@17.0.15)
               2:           500          12000  java.lang.String (java.base@17.0.15)
               3:            10            160  com.example.Gone
               4:             5             80  com.example.Dup
               5:             5             80  com.example.Dup
            Total          1520         112320
            """;
    static final String AFTER = """
            # class histogram: GC.class_histogram (exact, live objects after a full GC)
            #  num     #instances         #bytes  class name (module)
            #    1:          3000         900000  [B (java.base@17.0.15)
            #    2:           400          9600  java.lang.String (java.base@17.0.15)
            #    3:            20           480  [Ljava.util.concurrent.ConcurrentHashMap$Node; (java.base@17.0.15)
            # Total           3420         910080
            """;

    @Test
    void growthFirstAndMissingSidesAreZero() {
        List<HistogramDiff.Row> rows = HistogramDiff.diff(ClassHistogramText.parse(BEFORE, "a"),
                ClassHistogramText.parse(AFTER, "b"));
        assertEquals("[B", rows.get(0).className());
        assertEquals(800_000, rows.get(0).bytesDelta());
        assertEquals(2000, rows.get(0).instancesDelta());
        assertEquals("[Ljava.util.concurrent.ConcurrentHashMap$Node;", rows.get(1).className());
        assertEquals(480, rows.get(1).bytesDelta());
        HistogramDiff.Row dup = rows.stream().filter(r -> r.className().equals("com.example.Dup")).findFirst().orElseThrow();
        assertEquals(160, dup.bytesBefore(), "rows of one class from two loaders are summed");
        assertEquals(-2400, rows.get(rows.size() - 1).bytesDelta());

        String text = HistogramDiff.text(rows, 10);
        assertTrue(text.lines().skip(1).findFirst().orElseThrow().endsWith("byte[]"), text);
        assertTrue(text.contains("java.util.concurrent.ConcurrentHashMap$Node[]"), text);
        assertTrue(text.strip().endsWith("total") && text.contains("+797760"), text);
    }

    @Test
    void refusesTextWithoutHistogram() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassHistogramText.parse("heap profile: 1: 2 [3: 4] @ heap/1048576\n", "h.txt"));
        assertTrue(e.getMessage().startsWith("h.txt: no class histogram rows"), e.getMessage());
    }

    @Test
    void javaNames() {
        assertEquals("int[][]", ClassNames.javaName("[[I"));
        assertEquals("java.lang.Object[]", ClassNames.javaName("[Ljava.lang.Object;"));
        assertEquals("java.lang.String", ClassNames.javaName("java.lang.String"));
    }
}
