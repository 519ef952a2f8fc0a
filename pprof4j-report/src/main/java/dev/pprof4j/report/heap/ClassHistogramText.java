package dev.pprof4j.report.heap;

import dev.pprof4j.protocol.ClassHistogramRows;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a class histogram as {@code jcmd <pid> GC.class_histogram} prints it, or as the
 * {@code #}-prefixed section of pprof4j's {@code /debug/pprof/heap?debug=1}, with
 * {@link ClassHistogramRows}: rows of the same class name from different class loaders are
 * summed (jcmd lists them apart).
 */
public final class ClassHistogramText {
    /** One class: instances and bytes. */
    public record Entry(long instances, long bytes) {
        Entry plus(Entry o) {
            return new Entry(instances + o.instances, bytes + o.bytes);
        }
    }

    private ClassHistogramText() {
    }

    /**
     * @throws IllegalArgumentException when the text holds no histogram row at all
     */
    public static Map<String, Entry> parse(String text, String source) {
        Map<String, Entry> rows = new LinkedHashMap<>();
        ClassHistogramRows.byName(text).forEach((name, usage) -> rows.put(name, new Entry(usage.instances(), usage.bytes())));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no class histogram rows (expected the output of"
                    + " jcmd <pid> GC.class_histogram or of /debug/pprof/heap?debug=1)");
        }
        return rows;
    }
}
