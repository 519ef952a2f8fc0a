package dev.pprof4j.report;

import dev.pprof4j.profile.NameFilter;
import dev.pprof4j.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;


/**
 * The profile operations a report applies before printing: focus/ignore/hide/show and the
 * granularity. They live in pprof4j-profile; this is where the report calls them.
 */
final class Filters {
    private Filters() {
    }

    /**
     * Applies focus/ignore/hide/show; returns a warning per pattern that matched nothing
     * (go tool pprof prints them on stderr), e.g. "Focus expression matched no samples".
     */
    static List<String> apply(Profile profile, ReportConfig config) {
        Pattern focus = pattern("focus", config.focus);
        Pattern ignore = pattern("ignore", config.ignore);
        Pattern hide = pattern("hide", config.hide);
        Pattern show = pattern("show", config.show);
        List<String> warnings = new ArrayList<>();
        if (focus == null && ignore == null && hide == null && show == null) {
            return warnings;
        }
        NameFilter.Matched m = NameFilter.filter(profile, focus, ignore, hide, show);
        warn(warnings, focus == null || m.focus(), "Focus");
        warn(warnings, ignore == null || m.ignore(), "Ignore");
        warn(warnings, hide == null || m.hide(), "Hide");
        warn(warnings, show == null || m.show(), "Show");
        return warnings;
    }

    private static void warn(List<String> warnings, boolean matched, String option) {
        if (!matched) {
            warnings.add(option + " expression matched no samples");
        }
    }

    private static Pattern pattern(String option, String value) {
        return value == null || value.isEmpty() ? null : Reports.regex(option, value);
    }

    /** Forgets what the granularity does not show (pprof's {@code Profile.Aggregate}). */
    static void aggregate(Profile profile, ReportConfig config) {
        dev.pprof4j.profile.Granularity.valueOf(config.granularity.name()).apply(profile, config.inlines);
    }
}
