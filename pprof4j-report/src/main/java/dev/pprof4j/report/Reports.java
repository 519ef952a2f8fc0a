package dev.pprof4j.report;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.top.RawReport;
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
            RawReport.print(profile, out);
            return;
        }
        Report rpt = prepare(profile, config);
        warnings.addAll(rpt.warnings);
        switch (config.format) {
            case TOP -> TopReport.print(rpt, out);
            case TRACES -> TracesReport.print(rpt, out);
            case TREE -> TreeReport.print(rpt, null, out);
            case PEEK -> TreeReport.print(rpt, regex("peek", config.peekRegex), out);
            default -> throw new IllegalArgumentException(config.format + " is not a text report");
        }
    }

    /** Resolves the sample index, takes the total, applies filters and granularity. */
    public static Report prepare(Profile profile, ReportConfig config) {
        int index = SampleIndex.resolve(profile, config.sampleIndex);
        Report rpt = new Report(profile, config, index);
        rpt.warnings.addAll(Filters.apply(profile, config));
        Filters.aggregate(profile, config);
        return rpt;
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
