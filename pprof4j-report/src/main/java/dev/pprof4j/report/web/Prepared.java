package dev.pprof4j.report.web;

import dev.pprof4j.profile.Granularity;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.Reports;
import dev.pprof4j.report.top.Report;

/**
 * A request's own copy of the loaded profile with the URL's sample index and filters applied,
 * through the same code the command line's reports use.
 */
record Prepared(ProfileSource.Snapshot snapshot, Report report) {

    static Prepared of(WebUi ui, ViewParams params) {
        ProfileSource.Snapshot snapshot = ui.snapshot();
        return new Prepared(snapshot, Reports.prepare(snapshot.profile().copy(), config(params)));
    }

    /** With a finer granularity: the source view needs file names and lines kept. */
    static Prepared of(WebUi ui, ViewParams params, Granularity granularity) {
        ProfileSource.Snapshot snapshot = ui.snapshot();
        ReportConfig config = config(params);
        config.granularity = granularity;
        return new Prepared(snapshot, Reports.prepare(snapshot.profile().copy(), config));
    }

    /** Applies the URL's sample index and filters to a copy of {@code profile}. */
    static Report prepare(Profile profile, ViewParams params) {
        ReportConfig config = config(params);
        return Reports.prepare(profile.copy(), config);
    }

    static ReportConfig config(ViewParams params) {
        ReportConfig config = new ReportConfig();
        config.sampleIndex = params.get("si");
        config.focus = params.get("focus");
        config.ignore = params.get("ignore");
        config.hide = params.get("hide");
        config.show = params.get("show");
        // go tool pprof's settings, by its web UI's names (ViewParams says which)
        config.cumSort = params.get("sort").equals("cum");
        if (!params.get("unit").isEmpty()) {
            config.unit = params.get("unit");
        }
        config.granularity = switch (params.get("granularity")) {
            case "lines" -> Granularity.LINES;
            case "files" -> Granularity.FILES;
            default -> Granularity.FUNCTIONS;
        };
        config.inlines = !params.flag("noinlines", false);
        config.trim = params.flag("trim", config.trim);
        if (!params.get("nodefraction").isEmpty()) {
            config.nodeFraction = Double.parseDouble(params.get("nodefraction"));
        }
        if (!params.get("edgefraction").isEmpty()) {
            config.edgeFraction = Double.parseDouble(params.get("edgefraction"));
        }
        return config;
    }

    Profile profile() {
        return report.profile;
    }
}
