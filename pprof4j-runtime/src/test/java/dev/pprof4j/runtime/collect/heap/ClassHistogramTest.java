package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.protocol.ClassHistogramRows;
import dev.pprof4j.protocol.ClassNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {
    /** Two lambdas of one class and two proxies, as JDK 17's jcmd names them, each pair summed under one name. */
    @Test
    void generatedClassesAreSummedUnderTheirStableNameAndRankedAgain() {
        String text = ClassHistogramRows.row(1, 10, 1000, "[B", "java.base@17.0.15")
                + ClassHistogramRows.row(2, 30, 480, "a.Main$$Lambda$147/0x0000000800c0b000", "")
                + ClassHistogramRows.row(3, 25, 400, "a.Main$$Lambda$152/0x0000000800c0c000", "")
                + ClassHistogramRows.row(4, 20, 320, "jdk.proxy2.$Proxy82", "jdk.proxy2")
                + ClassHistogramRows.row(5, 5, 80, "jdk.proxy3.$Proxy91", "jdk.proxy3")
                + ClassHistogramRows.row(6, 2, 64, "[La.Main$$Lambda$147/0x0000000800c0b000;", "")
                + "Total            92           2344\n";
        ClassHistogram h = ClassHistogram.parse(text);
        assertEquals(List.of(
                new ClassHistogram.Row(1, 10, 1000, "[B", "java.base@17.0.15"),
                new ClassHistogram.Row(2, 55, 880, "a.Main$$Lambda", ""),
                new ClassHistogram.Row(3, 25, 400, "jdk.proxy.$Proxy", "jdk.proxy"),
                new ClassHistogram.Row(4, 2, 64, "[La.Main$$Lambda;", "")), h.rows());
        assertEquals(92, h.totalInstances());
        assertEquals(2344, h.totalBytes());
    }

    @Test
    void arraysOfGeneratedClassesKeepTheirDimensions() {
        assertEquals("a.Main$$Lambda[][]", ClassNames.stableJavaName("[[La/Main$$Lambda.0x0000000800c0b000;"));
        assertEquals("jdk.proxy.$Proxy[]", ClassNames.stableJavaName("[Ljdk/proxy2/$Proxy82;"));
        assertEquals("a.Main$$Lambda", ClassNames.stableJavaName("La/Main$$Lambda$147.0x0000000800c0b000;"));
        assertEquals("byte[]", ClassNames.stableJavaName("[B"));
    }
}
