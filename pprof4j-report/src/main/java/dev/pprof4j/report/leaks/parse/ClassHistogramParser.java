package dev.pprof4j.report.leaks.parse;

import dev.pprof4j.protocol.ClassHistogramRows;
import dev.pprof4j.protocol.ClassNames;
import dev.pprof4j.report.leaks.Usage;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads a class histogram in the JDK's {@code GC.class_histogram} layout (the one
 * {@code jmap -histo} prints and {@code heap?debug=1} ends with):
 * {@code    1:   12345   6789012  [B (java.base@17)}, or the same rows behind Go's {@code #}
 * comment mark as the agent's {@code heap?debug=1} prints them. JVM descriptors become Java names
 * ({@code [B} → {@code byte[]}), so findings read the way the code does.
 */
public final class ClassHistogramParser {
    private ClassHistogramParser() {
    }

    /**
     * Calls {@code row} for each class name, its rows from every class loader summed
     * ({@link ClassHistogramRows#byName}); returns how many it called it for.
     */
    public static int parse(String text, BiConsumer<String, Usage> row) {
        Map<String, ClassHistogramRows.Usage> classes = ClassHistogramRows.byName(text);
        classes.forEach((name, usage) -> row.accept(ClassNames.javaName(name), new Usage(usage.instances(), usage.bytes())));
        return classes.size();
    }
}
