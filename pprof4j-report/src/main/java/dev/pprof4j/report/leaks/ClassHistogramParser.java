package dev.pprof4j.report.leaks;

import dev.pprof4j.report.heap.HistogramDiff;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a class histogram in the JDK's {@code GC.class_histogram} layout (the one
 * {@code jmap -histo} prints and {@code heap?debug=1} ends with):
 * {@code    1:   12345   6789012  [B (java.base@17)}, or the same rows behind Go's {@code #}
 * comment mark as the agent's {@code heap?debug=1} prints them. JVM descriptors become Java names
 * ({@code [B} → {@code byte[]}), so findings read the way the code does.
 */
public final class ClassHistogramParser {
    private static final Pattern ROW = Pattern.compile("^#?\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private ClassHistogramParser() {
    }

    /** Calls {@code row} for each class; returns how many rows it read. */
    public static int parse(String text, BiConsumer<String, Usage> row) {
        int rows = 0;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                row.accept(HistogramDiff.javaName(m.group(3)), new Usage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                rows++;
            }
        }
        return rows;
    }
}
