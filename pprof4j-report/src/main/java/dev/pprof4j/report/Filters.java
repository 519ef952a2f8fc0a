package dev.pprof4j.report;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
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

    /**
     * Forgets what the granularity does not show (pprof's {@code Profile.Aggregate}): names
     * for -files, files for -functions, line numbers and addresses unless -lines/-addresses.
     * Locations are not merged; the graph merges nodes with equal infos.
     */
    static void aggregate(Profile profile, ReportConfig config) {
        boolean function = false;
        boolean filename = false;
        boolean linenumber = false;
        boolean address = false;
        switch (config.granularity) {
            case ADDRESSES -> {
                if (config.inlines) {
                    return;
                }
                function = filename = linenumber = address = true;
            }
            case LINES -> function = filename = linenumber = true;
            case FILES -> filename = true;
            case FUNCTIONS -> function = true;
            case FILEFUNCTIONS -> function = filename = true;
        }
        for (Mapping m : profile.mappings) {
            m.hasInlineFrames &= config.inlines;
            m.hasFunctions &= function;
            m.hasFilenames &= filename;
            m.hasLineNumbers &= linenumber;
        }
        if (!function || !filename) {
            for (Function f : profile.functions) {
                if (!function) {
                    f.name = "";
                    f.systemName = "";
                }
                if (!filename) {
                    f.filename = "";
                }
            }
        }
        if (!config.inlines || !address || !linenumber) {
            for (Location l : profile.locations) {
                if (!config.inlines && l.lines.size() > 1) {
                    Line last = l.lines.get(l.lines.size() - 1);
                    l.lines.clear();
                    l.lines.add(last);
                }
                if (!linenumber) {
                    for (int i = 0; i < l.lines.size(); i++) {
                        Line line = l.lines.get(i);
                        if (line.line() != 0) {
                            l.lines.set(i, new Line(line.function(), 0, line.column()));
                        }
                    }
                }
                if (!address) {
                    l.address = 0;
                }
            }
        }
    }
}
