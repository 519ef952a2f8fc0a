package dev.pprof4j.report.web;

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
        return new Prepared(snapshot, prepare(snapshot.profile(), params));
    }

    /** Applies the URL's sample index and filters to a copy of {@code profile}. */
    static Report prepare(Profile profile, ViewParams params) {
        ReportConfig config = config(params);
        return Reports.prepare(ProfileCopy.of(profile), config);
    }

    static ReportConfig config(ViewParams params) {
        ReportConfig config = new ReportConfig();
        config.sampleIndex = params.get("si");
        config.focus = params.get("focus");
        config.ignore = params.get("ignore");
        config.hide = params.get("hide");
        config.show = params.get("show");
        return config;
    }

    Profile profile() {
        return report.profile;
    }
}
