package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.protocol.StableNames;
import dev.pprof4j.runtime.collect.DiagnosticCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact live heap by class: HotSpot's {@code GC.class_histogram} (what {@code jcmd <pid>
 * GC.class_histogram} prints), taken through the DiagnosticCommand MBean. It stops the
 * world for a full GC and a heap walk, so callers take it on request, never on a timer.
 *
 * <p>Rows name classes as the profiles do ({@link StableNames}): the JVM's name of a lambda,
 * proxy or reflection accessor changes from run to run, so such rows of one class and module
 * are summed under the stable name (a proxy's numbered module too) and ranked again by bytes. A histogram of one run then
 * lines up with the next run's, and with the heap profile's {@code object:} labels.
 *
 * @param text the command's output, kept verbatim: {@code pprof4j histodiff} reads this format
 */
public record ClassHistogram(List<Row> rows, long totalInstances, long totalBytes, String text) {
    /**
     * One class.
     *
     * @param className the JVM's name as jcmd prints it ({@code [B}, {@code java.lang.String}),
     *                  without its run-specific parts
     * @param module    e.g. {@code java.base@17.0.15}; empty for the unnamed module
     */
    public record Row(int rank, long instances, long bytes, String className, String module) {
    }


    public ClassHistogram {
        rows = List.copyOf(rows);
    }

    /**
     * Runs {@code GC.class_histogram} in this JVM, through the agent's one way of running
     * diagnostic commands (no platform MBean server where it can avoid one).
     *
     * @throws IllegalStateException when the JVM cannot run the command (not HotSpot)
     */
    public static ClassHistogram take(DiagnosticCommands commands) {
        try {
            return parse(commands.execute("GC.class_histogram"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("GC.class_histogram failed (a HotSpot JVM is needed): " + e.getMessage(), e);
        }
    }

    /** Parses jcmd's GC.class_histogram text (read by {@link dev.pprof4j.protocol.ClassHistogramRows}). */
    public static ClassHistogram parse(String text) {
        dev.pprof4j.protocol.ClassHistogramRows.Histogram h = dev.pprof4j.protocol.ClassHistogramRows.parse(text);
        // keyed by stable name and module; a row's rank is fixed once all are summed
        Map<List<String>, long[]> summed = new LinkedHashMap<>();
        for (dev.pprof4j.protocol.ClassHistogramRows.Row r : h.rows()) {
            long[] sum = summed.computeIfAbsent(List.of(stableName(r.className()), StableNames.moduleName(r.module())), k -> new long[2]);
            sum[0] += r.instances();
            sum[1] += r.bytes();
        }
        List<Map.Entry<List<String>, long[]>> byBytes = new ArrayList<>(summed.entrySet());
        byBytes.sort(Comparator.comparingLong((Map.Entry<List<String>, long[]> e) -> e.getValue()[1]).reversed());
        List<Row> rows = new ArrayList<>(byBytes.size());
        for (Map.Entry<List<String>, long[]> e : byBytes) {
            rows.add(new Row(rows.size() + 1, e.getValue()[0], e.getValue()[1], e.getKey().get(0), e.getKey().get(1)));
        }
        return new ClassHistogram(rows, h.totalInstances(), h.totalBytes(), text);
    }

    /** A jcmd class name without its run-specific parts, also as an array's element ({@code [Lx.Y$$Lambda;}). */
    static String stableName(String jvmName) {
        int dims = 0;
        while (dims < jvmName.length() && jvmName.charAt(dims) == '[') {
            dims++;
        }
        if (dims > 0 && jvmName.startsWith("L", dims) && jvmName.endsWith(";")) {
            return jvmName.substring(0, dims + 1) + StableNames.className(jvmName.substring(dims + 1, jvmName.length() - 1))
                    + ";";
        }
        return dims > 0 ? jvmName : StableNames.className(jvmName);
    }
}
