package dev.pprof4j.report.heap;

import dev.pprof4j.protocol.ClassNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exact heap's change by class between two histograms, largest growth in bytes first:
 * the class-level answer to "what grew" (the sampled heap profile's {@code -base} diff gives
 * the allocation site; {@code /debug/pprof/heap/retainers} gives who holds it).
 */
public final class HistogramDiff {
    /** One class in both histograms (a missing side counts as zero). */
    public record Row(String className, long instancesBefore, long instancesAfter, long bytesBefore, long bytesAfter) {
        public long instancesDelta() {
            return instancesAfter - instancesBefore;
        }

        public long bytesDelta() {
            return bytesAfter - bytesBefore;
        }
    }

    private HistogramDiff() {
    }

    public static List<Row> diff(Map<String, ClassHistogramText.Entry> before, Map<String, ClassHistogramText.Entry> after) {
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        ClassHistogramText.Entry none = new ClassHistogramText.Entry(0, 0);
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            ClassHistogramText.Entry b = before.getOrDefault(name, none);
            ClassHistogramText.Entry a = after.getOrDefault(name, none);
            rows.add(new Row(name, b.instances(), a.instances(), b.bytes(), a.bytes()));
        }
        rows.sort(Comparator.comparingLong(Row::bytesDelta).reversed().thenComparing(Row::className));
        return rows;
    }

    /** The table: the {@code top} rows that changed most (growth first, then shrinkage) and a total. */
    public static String text(List<Row> rows, int top) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%14s %14s %14s %12s  %s%n", "bytes delta", "bytes before", "bytes after",
                "count delta", "class"));
        long total = 0;
        int shown = 0;
        for (Row r : rows) {
            total += r.bytesDelta();
            if (shown < top && (r.bytesDelta() != 0 || r.instancesDelta() != 0)) {
                out.append(String.format("%+14d %14d %14d %+12d  %s%n", r.bytesDelta(), r.bytesBefore(),
                        r.bytesAfter(), r.instancesDelta(), ClassNames.javaName(r.className())));
                shown++;
            }
        }
        out.append(String.format("%+14d %14s %14s %12s  %s%n", total, "", "", "", "total"));
        return out.toString();
    }
}
