package dev.pprof4j.bench;

import dev.pprof4j.profile.IncompatibleProfilesException;
import dev.pprof4j.profile.Merger;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportFormat;
import dev.pprof4j.report.Reports;
import java.io.IOException;
import java.util.List;

/**
 * What {@code pprof4j -top FILE} does between reading the file and printing, with the
 * command's defaults: decode, merge (go tool pprof merges even one profile), then the real
 * -top report (graph, nodefraction trim, rows). Unlike {@link TopAggregation} this is the
 * code the command runs, so its time is the command's minus JVM start-up and I/O.
 */
final class TopReportRun {
    private TopReportRun() {
    }

    static String run(ProfileDecoder decoder, byte[] data) throws IOException, IncompatibleProfilesException {
        Profile p = Merger.merge(List.of(decoder.decode(data)));
        ReportConfig config = new ReportConfig();
        config.format = ReportFormat.TOP;
        StringBuilder out = new StringBuilder();
        Reports.text(p, config, out);
        return out.toString();
    }
}
