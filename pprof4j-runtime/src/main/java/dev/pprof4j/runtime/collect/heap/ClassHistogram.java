package dev.pprof4j.runtime.collect.heap;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The exact live heap by class: HotSpot's {@code GC.class_histogram} (what {@code jcmd <pid>
 * GC.class_histogram} prints), taken through the DiagnosticCommand MBean. It stops the
 * world for a full GC and a heap walk, so callers take it on request, never on a timer.
 *
 * @param text the command's output, kept verbatim: {@code pprof4j histodiff} reads this format
 */
public record ClassHistogram(List<Row> rows, long totalInstances, long totalBytes, String text) {
    /**
     * One class.
     *
     * @param className the JVM's name as jcmd prints it ({@code [B}, {@code java.lang.String})
     * @param module    e.g. {@code java.base@17.0.15}; empty for the unnamed module
     */
    public record Row(int rank, long instances, long bytes, String className, String module) {
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+):\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\((.*)\\))?\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    public ClassHistogram {
        rows = List.copyOf(rows);
    }

    /**
     * Runs {@code GC.class_histogram} in this JVM.
     *
     * @throws IllegalStateException when the JVM has no DiagnosticCommand MBean (not HotSpot)
     */
    public static ClassHistogram take() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return parse(String.valueOf(out));
        } catch (JMException | RuntimeException e) {
            throw new IllegalStateException("GC.class_histogram through the DiagnosticCommand MBean failed "
                    + "(a HotSpot JVM is needed): " + e.getMessage(), e);
        }
    }

    /** Parses jcmd's GC.class_histogram text; lines that are not rows or the total are skipped. */
    public static ClassHistogram parse(String text) {
        List<Row> rows = new ArrayList<>();
        long instances = 0;
        long bytes = 0;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), m.group(4), m.group(5) == null ? "" : m.group(5)));
                continue;
            }
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                instances = Long.parseLong(t.group(1));
                bytes = Long.parseLong(t.group(2));
            }
        }
        return new ClassHistogram(rows, instances, bytes, text);
    }
}
