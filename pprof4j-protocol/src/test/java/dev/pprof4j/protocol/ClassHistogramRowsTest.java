package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ClassHistogramRowsTest {
    @Test
    void readsBackTheRowsItLaysOut() {
        String text = " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + ClassHistogramRows.row(1, 2310, 52428800, "[B", "java.base@17.0.15")
                + ClassHistogramRows.row(2, 5, 120, "shop.PriceCache$Quote", "")
                + "Total          2315       52428920\n";
        ClassHistogramRows.Histogram h = ClassHistogramRows.parse(text);
        assertEquals(List.of(new ClassHistogramRows.Row(1, 2310, 52428800, "[B", "java.base@17.0.15"),
                new ClassHistogramRows.Row(2, 5, 120, "shop.PriceCache$Quote", "")), h.rows());
        assertEquals(2315, h.totalInstances());
        assertEquals(52428920, h.totalBytes());
    }

    @Test
    void readsTheAgentsCommentedRowsAndSumsAClassAcrossLoaders() {
        String text = "heap profile: 1: 2 [3: 4] @ heap/1048576\n"
                + "# num     #instances         #bytes  class name (module)\n"
                + "#" + ClassHistogramRows.row(1, 10, 640, "shop.Plugin", "")
                + "#" + ClassHistogramRows.row(2, 4, 256, "shop.Plugin", "")
                + "# Total 14 896\n";
        assertEquals(Map.of("shop.Plugin", new ClassHistogramRows.Usage(14, 896)), ClassHistogramRows.byName(text));
        assertEquals(896, ClassHistogramRows.parse(text).totalBytes());
    }

    /** The real writer is HotSpot: every row of this JVM's own histogram is read, and they add up to its total. */
    @Test
    void readsThisJvmsHistogram() throws Exception {
        Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String text = String.valueOf(out);
        ClassHistogramRows.Histogram h = ClassHistogramRows.parse(text);
        long rowLines = text.lines().filter(line -> line.matches("\\s*\\d+:.*")).count();
        assertEquals(rowLines, h.rows().size(), "every row line read");
        assertEquals(h.totalBytes(), h.rows().stream().mapToLong(ClassHistogramRows.Row::bytes).sum());
        assertEquals(h.totalInstances(), h.rows().stream().mapToLong(ClassHistogramRows.Row::instances).sum());
        assertTrue(h.rows().stream().anyMatch(r -> r.className().equals("java.lang.String")
                && r.module().startsWith("java.base")), "String in java.base");
    }
}
