package dev.pprof4j.report;

import dev.pprof4j.profile.Granularity;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.top.ListReport;
import dev.pprof4j.report.top.RawReport;
import dev.pprof4j.report.top.TagsReport;
import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.top.TopReport;
import dev.pprof4j.report.top.TracesReport;
import dev.pprof4j.report.top.TreeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Produces a text report from a (merged) profile the way go tool pprof's
 * {@code generateRawReport} does: pick the sample value, take the total, then focus and
 * aggregate to the granularity, then print. The profile is modified in place.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes the text report {@code config.format} asks for.
     *
     * @throws IllegalArgumentException when the options do not fit the profile (a sample
     *     index it lacks, a bad regex); the message says what to change
     */
    public static void text(Profile profile, ReportConfig config, StringBuilder out) {
        text(profile, config, out, new ArrayList<>());
    }

    /** As {@link #text(Profile, ReportConfig, StringBuilder)}, collecting warnings for stderr. */
    public static void text(Profile profile, ReportConfig config, StringBuilder out, List<String> warnings) {
        if (config.format == ReportFormat.RAW) {
            warnings.addAll(TagFrames.add(profile, config));
            RawReport.print(profile, out);
            return;
        }
        if (config.format == ReportFormat.COMMENTS) {
            profile.comments.forEach(c -> out.append(c).append('\n'));
            return;
        }
        Report rpt = prepare(profile, forFormat(config));
        warnings.addAll(rpt.warnings);
        switch (config.format) {
            case TOP -> TopReport.print(rpt, out);
            case TRACES -> TracesReport.print(rpt, out);
            case TREE -> TreeReport.print(rpt, null, out);
            case PEEK -> TreeReport.print(rpt, regex("peek", config.peekRegex), out);
            case LIST -> ListReport.print(rpt, regex("list", config.peekRegex), out);
            case WEBLIST -> dev.pprof4j.report.top.WebListReport.page(rpt, regex("weblist", config.peekRegex), out);
            case TAGS -> TagsReport.print(rpt, out);
            case CALLGRIND -> dev.pprof4j.report.top.CallgrindReport.print(rpt, out);
            default -> throw new IllegalArgumentException(config.format + " is not a text report");
        }
    }

    /**
     * Resolves the sample index, takes the total, applies filters and granularity. The
     * total is the whole profile's, unless {@code relative_percentages} asks for the
     * filtered one's (go tool pprof filters before or after taking it).
     */
    public static Report prepare(Profile profile, ReportConfig config) {
        if (config.divideBy == 0) {
            throw new IllegalArgumentException("zero divisor specified");
        }
        int index = SampleIndex.resolve(profile, config.sampleIndex);
        List<String> warnings = new ArrayList<>(TagFrames.add(profile, config));
        if (config.relativePercentages) {
            warnings.addAll(Filters.apply(profile, config));
        }
        Report rpt = new Report(profile, config, index);
        rpt.warnings.addAll(warnings);
        if (!config.relativePercentages) {
            rpt.warnings.addAll(Filters.apply(profile, config));
        }
        Filters.aggregate(profile, config);
        if (!config.trimPath.isEmpty()) {
            // as go tool pprof's graphs show them: -list's headers, -lines' and -files' rows
            List<String> searchPath = SourcePaths.searchPath(config.sourcePath);
            for (dev.pprof4j.profile.Function f : profile.functions) {
                f.filename = SourcePaths.trim(f.filename, config.trimPath, searchPath);
            }
        }
        return rpt;
    }

    /** The profile {@code -topproto} writes: {@code -top}'s rows, one sample each. Adds the filters' warnings. */
    public static Profile topProto(Profile profile, ReportConfig config, List<String> warnings) {
        Report rpt = prepare(profile, config);
        warnings.addAll(rpt.warnings);
        return dev.pprof4j.report.top.TopProtoReport.build(rpt);
    }

    /**
     * The profile {@code -proto} writes: filtered as every report is, but neither aggregated
     * nor trimmed (go tool pprof's proto report keeps addresses and inlined frames). Returns
     * the filters' warnings.
     */
    public static List<String> filterForProto(Profile profile, ReportConfig config) {
        SampleIndex.resolve(profile, config.sampleIndex); // refuses a sample index the profile lacks, as Go does
        if (config.divideBy == 0) {
            throw new IllegalArgumentException("zero divisor specified");
        }
        List<String> warnings = new ArrayList<>(TagFrames.add(profile, config));
        warnings.addAll(Filters.apply(profile, config));
        double ratio = 1 / config.divideBy; // -divide_by scales the values written, as Go's printProto does
        if (ratio > 0 && ratio != 1) {
            for (dev.pprof4j.profile.Sample s : profile.samples) {
                for (int i = 0; i < s.values.length; i++) {
                    s.values[i] = (long) ((double) s.values[i] * ratio);
                }
            }
        }
        return warnings;
    }

    /**
     * The settings a report format overrides (pprof's {@code applyCommandOverrides}):
     * {@code -list} and {@code -weblist} are never trimmed and are by line, {@code -callgrind} untrimmed by address with
     * inlined frames kept ({@code -peek}'s report untrims itself).
     */
    static ReportConfig forFormat(ReportConfig config) {
        boolean listing = config.format == ReportFormat.LIST || config.format == ReportFormat.WEBLIST;
        if (!listing && config.format != ReportFormat.CALLGRIND) {
            return config;
        }
        ReportConfig c = config.copy();
        c.trim = false;
        if (listing) { // -weblist by line too: its lines show -list's values
            c.granularity = Granularity.LINES;
        } else { // callgrind's positions are addresses and lines, inlined frames their own
            c.granularity = Granularity.ADDRESSES;
            c.inlines = true;
        }
        return c;
    }

    static Pattern regex(String option, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("parsing " + option + " regexp: " + e.getDescription()
                    + " in " + value, e);
        }
    }
}
