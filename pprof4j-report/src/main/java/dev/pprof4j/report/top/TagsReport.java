package dev.pprof4j.report.top;

import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.Measurement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -tags}: per label key, the total of the samples' values and each label value's
 * share, as go tool pprof's {@code printTags} prints them (numeric labels in their unit,
 * heaviest first, then by name; columns right-aligned as Go's tabwriter aligns them).
 */
public final class TagsReport {
    private TagsReport() {
    }

    public static void print(Report rpt, StringBuilder out) {
        Map<String, String> numLabelUnits = NumLabelUnits.of(rpt.profile);
        String outputUnit = rpt.config.unit;
        Map<String, Map<String, Long>> tags = new HashMap<>();
        for (Sample s : rpt.profile.samples) {
            long v = s.values[rpt.sampleIndex];
            for (Map.Entry<String, List<String>> e : s.labels.entrySet()) {
                Map<String, Long> values = tags.computeIfAbsent(e.getKey(), k -> new HashMap<>());
                for (String label : e.getValue()) {
                    values.merge(label, v, Long::sum);
                }
            }
            for (Map.Entry<String, List<Long>> e : s.numLabels.entrySet()) {
                Map<String, Long> values = tags.computeIfAbsent(e.getKey(), k -> new HashMap<>());
                String unit = numLabelUnits.get(e.getKey());
                for (long n : e.getValue()) {
                    values.merge(Measurement.scaledLabel(n, unit, outputUnit), v, Long::sum);
                }
            }
        }
        TabWriter tab = new TabWriter();
        for (String key : tags.keySet().stream().sorted().toList()) {
            long total = 0;
            for (long c : tags.get(key).values()) {
                total += c;
            }
            tab.row(key + ":", " Total " + scaled(total, rpt.sampleUnit, outputUnit));
            List<Map.Entry<String, Long>> values = new ArrayList<>(tags.get(key).entrySet());
            values.sort(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -Math.abs(e.getValue()))
                    .thenComparing(Map.Entry::getKey));
            for (Map.Entry<String, Long> e : values) {
                String value = scaled(e.getValue(), rpt.sampleUnit, outputUnit);
                if (total > 0) {
                    tab.row(" ", value + " (" + Measurement.percentage(e.getValue(), total) + "):", " " + e.getKey());
                } else {
                    tab.row(" ", value + ":", " " + e.getKey());
                }
            }
            tab.row();
        }
        tab.writeTo(out);
    }

    /** Go's {@code fmt.Sprintf("%.1f%s", measurement.Scale(v, from, to))}. */
    private static String scaled(long v, String from, String to) {
        Measurement.Scaled s = Measurement.scale(v, from, to);
        String number = new BigDecimal(s.value()).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        if (s.value() < 0 && !number.startsWith("-")) {
            number = "-" + number;
        }
        return number + s.unit();
    }
}
