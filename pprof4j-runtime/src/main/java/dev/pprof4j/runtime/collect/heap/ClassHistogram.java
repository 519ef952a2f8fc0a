package dev.pprof4j.runtime.collect.heap;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
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

    /** Parses jcmd's GC.class_histogram text (read by {@link dev.pprof4j.protocol.ClassHistogramRows}). */
    public static ClassHistogram parse(String text) {
        dev.pprof4j.protocol.ClassHistogramRows.Histogram h = dev.pprof4j.protocol.ClassHistogramRows.parse(text);
        List<Row> rows = new ArrayList<>();
        for (dev.pprof4j.protocol.ClassHistogramRows.Row r : h.rows()) {
            rows.add(new Row(r.rank(), r.instances(), r.bytes(), r.className(), r.module()));
        }
        return new ClassHistogram(rows, h.totalInstances(), h.totalBytes(), text);
    }
}
