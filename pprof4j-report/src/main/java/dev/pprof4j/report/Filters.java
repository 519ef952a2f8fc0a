package dev.pprof4j.report;

import dev.pprof4j.profile.Profile;

/**
 * The profile operations a report applies before printing: focus/ignore/hide/show and the
 * granularity. They live in pprof4j-profile; this is where the report calls them.
 */
final class Filters {
    private Filters() {
    }

    static void apply(Profile profile, ReportConfig config) {
        if (!config.focus.isEmpty() || !config.ignore.isEmpty() || !config.hide.isEmpty() || !config.show.isEmpty()) {
            // validate now so a bad regex is a clear error even before pruning is wired
            Reports.regex("focus", config.focus);
            Reports.regex("ignore", config.ignore);
            Reports.regex("hide", config.hide);
            Reports.regex("show", config.show);
            throw new IllegalArgumentException("-focus/-ignore/-hide/-show are not available yet");
        }
    }

    static void aggregate(Profile profile, ReportConfig config) {
        // TODO wire the profile module's granularity once it lands
    }
}
