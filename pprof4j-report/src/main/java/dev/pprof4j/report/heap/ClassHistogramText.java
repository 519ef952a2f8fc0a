package dev.pprof4j.report.heap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a class histogram as {@code jcmd <pid> GC.class_histogram} prints it, or as the
 * {@code #}-prefixed section of pprof4j's {@code /debug/pprof/heap?debug=1}. Rows of the same
 * class name from different class loaders are summed (jcmd lists them apart).
 */
public final class ClassHistogramText {
    /** One class: instances and bytes. */
    public record Entry(long instances, long bytes) {
        Entry plus(Entry o) {
            return new Entry(instances + o.instances, bytes + o.bytes);
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "^#?\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

    private ClassHistogramText() {
    }

    /**
     * @throws IllegalArgumentException when the text holds no histogram row at all
     */
    public static Map<String, Entry> parse(String text, String source) {
        Map<String, Entry> rows = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Entry e = new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                rows.merge(m.group(3), e, Entry::plus);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no class histogram rows (expected the output of"
                    + " jcmd <pid> GC.class_histogram or of /debug/pprof/heap?debug=1)");
        }
        return rows;
    }
}
