package dev.pprof4j.report.top;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.Node;
import java.util.List;

/**
 * A profile ready to print: the chosen sample value, its unit, the total that percentages
 * are relative to, and the unit values are shown in (pprof's {@code report.Report}).
 */
public final class Report {
    public final Profile profile;
    public final ReportConfig config;
    public final int sampleIndex;
    /** {@code -mean}: values are divided by the samples' values at this index (the count); -1 without. */
    public final int meanDivisor;
    public final String sampleType;
    public final String sampleUnit;
    /** Sum of |value| over all samples (only the base's, for {@code -diff_base}). */
    public final long total;
    /** Notes for stderr, e.g. a filter that matched nothing. */
    public final List<String> warnings = new java.util.ArrayList<>();
    /** The unit values are printed in; "minimum" until {@link #selectOutputUnit} chose one. */
    private String outputUnit;

    /**
     * Computes the total of {@code profile} as it is now: call this before focusing, so
     * percentages stay relative to the whole profile, as pprof's are by default.
     */
    public Report(Profile profile, ReportConfig config, int sampleIndex) {
        this.profile = profile;
        this.config = config;
        this.sampleIndex = sampleIndex;
        this.meanDivisor = config.mean ? 0 : -1; // go tool pprof divides by the first value, whatever it is
        ValueType type = profile.sampleTypes.get(sampleIndex);
        this.sampleType = (config.mean ? "mean_" : "") + type.type();
        this.sampleUnit = type.unit();
        this.total = computeTotal(profile, sampleIndex, meanDivisor);
        this.outputUnit = config.unit;
    }

    static long computeTotal(Profile profile, int index, int divisorIndex) {
        long total = 0;
        long diffTotal = 0;
        long div = 0;
        long diffDiv = 0;
        for (Sample s : profile.samples) {
            long v = index < s.values.length ? Math.abs(s.values[index]) : 0;
            long d = divisorIndex >= 0 && divisorIndex < s.values.length ? s.values[divisorIndex] : 0;
            total += v;
            div += d;
            if (isDiffBase(s)) {
                diffTotal += v;
                diffDiv += d;
            }
        }
        if (diffTotal > 0) {
            total = diffTotal;
            div = diffDiv;
        }
        return div != 0 ? total / div : total;
    }

    /** The value of sample {@code s} this report shows: -mean divides it by its count. */
    public long valueOf(Sample s) {
        long v = sampleIndex < s.values.length ? s.values[sampleIndex] : 0;
        long d = meanDivisor >= 0 && meanDivisor < s.values.length ? s.values[meanDivisor] : 0;
        return d != 0 ? v / d : v;
    }

    /** Samples of a {@code -diff_base} profile carry the label {@code pprof::base=true}. */
    public static boolean isDiffBase(Sample s) {
        List<String> v = s.labels.get("pprof::base");
        return v != null && v.contains("true");
    }

    /** The header lines of the profile: File, Type, Time, Duration (go tool pprof's ProfileLabels). */
    public List<String> profileLabels() {
        return Labels.profileLabels(this);
    }

    /** The unit values are printed in ({@code minimum} until a report chose one). */
    public String outputUnit() {
        return outputUnit;
    }

    /** A value in the report's unit, e.g. {@code 1.50MB}. */
    public String formatValue(long v) {
        double ratio = 1 / config.divideBy; // -divide_by: values shown divided, percentages unchanged
        if (ratio > 0 && ratio != 1) {
            v = (long) ((double) v * ratio);
        }
        return Measurement.scaledLabel(v, sampleUnit, outputUnit);
    }

    /**
     * With {@code -unit=minimum} (the default) picks one unit for the whole report from
     * its smallest nonzero row and the total, so rows line up (pprof's selectOutputUnit).
     */
    void selectOutputUnit(Graph g) {
        selectOutputUnit(g, false);
    }

    /** As {@link #selectOutputUnit(Graph)}; {@code wholeNumbers}: values print without fractions (callgrind), so never in a larger unit. */
    void selectOutputUnit(Graph g, boolean wholeNumbers) {
        if (!outputUnit.equals("minimum") || g.nodes.isEmpty()) {
            return;
        }
        long minValue = 0;
        for (Node n : g.nodes) {
            long nodeMin = Math.abs(n.flatValue());
            if (nodeMin == 0) {
                nodeMin = Math.abs(n.cumValue());
            }
            if (nodeMin > 0 && (minValue == 0 || nodeMin < minValue)) {
                minValue = nodeMin;
            }
        }
        long maxValue = total;
        if (minValue == 0) {
            minValue = maxValue;
        }
        double ratio = 1 / config.divideBy;
        if (ratio > 0 && ratio != 1) {
            minValue = (long) ((double) minValue * ratio);
            maxValue = (long) ((double) maxValue * ratio);
        }
        String minUnit = Measurement.scale(minValue, sampleUnit, "minimum").unit();
        String maxUnit = Measurement.scale(maxValue, sampleUnit, "minimum").unit();
        String unit = minUnit;
        if (!minUnit.equals(maxUnit) && minValue * 100 < maxValue && !wholeNumbers) {
            // allow the smallest row to print as 0.01 of a larger unit
            unit = Measurement.scale(100 * minValue, sampleUnit, "minimum").unit();
        }
        outputUnit = unit.isEmpty() ? sampleUnit : unit;
    }
}
