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
        return params.config();
    }

    Profile profile() {
        return report.profile;
    }
}
