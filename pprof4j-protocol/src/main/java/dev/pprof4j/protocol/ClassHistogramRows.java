package dev.pprof4j.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HotSpot's class histogram ({@code GC.class_histogram}: what {@code jcmd <pid>} and
 * {@code jmap -histo} print, and what the agent's {@code heap?debug=1} ends with, each line
 * behind Go's {@code #} comment mark):
 * <pre>
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:          2310       52428800  [B (java.base@17.0.15)
 *    2:             5            120  shop.PriceCache$Quote
 * Total          2315       52428920
 * </pre>
 * HotSpot writes it; this is the one reader. Names stay the JVM's ({@code [B}); a report turns
 * them into Java's where it prints them.
 *
 * <p>The same class name appears once per class loader that defined it. {@link #byName} sums
 * those rows: growth is reported by name, and a leak that keeps a class loader alive (an
 * application redeployed in place) shows as its classes' names growing, which is what the user
 * searches for. Keeping the loaders apart would split one leak into rows the user cannot tell apart.
 */
public final class ClassHistogramRows {
    /** One row: rank, instances, bytes, the JVM's class name, and its module (empty for the unnamed one). */
    public record Row(int rank, long instances, long bytes, String className, String module) {
    }

    /** A class's instances and bytes, over every class loader that defined a class of that name. */
    public record Usage(long instances, long bytes) {
        Usage plus(Usage other) {
            return new Usage(instances + other.instances, bytes + other.bytes);
        }
    }

    /** The rows and the total line (0 and 0 when the text has none). */
    public record Histogram(List<Row> rows, long totalInstances, long totalBytes) {
        public Histogram {
            rows = List.copyOf(rows);
        }
    }

    private static final Pattern ROW = Pattern.compile(
            "^#?\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\((.*)\\))?\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^#?\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private ClassHistogramRows() {
    }

    /** Reads every row and the total; other lines (headings, a heap profile before it) are skipped. */
    public static Histogram parse(String text) {
        List<Row> rows = new ArrayList<>();
        long instances = 0;
        long bytes = 0;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        m.group(4), m.group(5) == null ? "" : m.group(5)));
                continue;
            }
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                instances = Long.parseLong(t.group(1));
                bytes = Long.parseLong(t.group(2));
            }
        }
        return new Histogram(rows, instances, bytes);
    }

    /** The rows summed by class name, in the histogram's order (largest first). */
    public static Map<String, Usage> byName(String text) {
        Map<String, Usage> classes = new LinkedHashMap<>();
        for (Row row : parse(text).rows()) {
            classes.merge(row.className(), new Usage(row.instances(), row.bytes()), Usage::plus);
        }
        return Collections.unmodifiableMap(classes);
    }

    /** One row as HotSpot lays it out (for tests and fixtures that stand in for a JVM's histogram). */
    public static String row(int rank, long instances, long bytes, String className, String module) {
        return String.format("%4d:%14d%15d  %s%s%n", rank, instances, bytes, className,
                module.isEmpty() ? "" : " (" + module + ")");
    }
}
