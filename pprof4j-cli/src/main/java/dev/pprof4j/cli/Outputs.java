package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the report a configuration asks for: text to stdout or {@code -output}, binary to a file. */
final class Outputs {
    private Outputs() {
    }

    static int write(Profile profile, ReportConfig config, Path output, PrintStream out, PrintStream err)
            throws IOException {
        switch (config.format) {
            case PROTO -> {
                if (output == null && System.console() != null) {
                    throw new CliError("-proto writes binary data; name a file with -output F");
                }
                // the filtered profile, as go tool pprof writes it (focus, ignore, hide, show, tags...)
                Reports.filterForProto(profile, config).forEach(err::println);
                if (output == null) {
                    ProfileEncoder.writeGzip(profile, out);
                } else {
                    err.println("Generating report in " + output);
                    ProfileEncoder.writeGzip(profile, output);
                }
                return 0;
            }
            case WEBLIST -> {
                return WebOutputs.webList(profile, config, output, err);
            }
            case TOPPROTO -> {
                if (output == null && System.console() != null) {
                    throw new CliError("-topproto writes binary data; name a file with -output F");
                }
                List<String> warnings = new ArrayList<>();
                Profile top = Reports.topProto(profile, config, warnings);
                warnings.forEach(err::println);
                if (output == null) {
                    ProfileEncoder.writeGzip(top, out);
                } else {
                    err.println("Generating report in " + output);
                    ProfileEncoder.writeGzip(top, output);
                }
                return 0;
            }
            case DOT, SVG, PNG, PDF, GIF, PS -> {
                return WebOutputs.callGraph(profile, config, output, out, err);
            }
            default -> {
                StringBuilder sb = new StringBuilder(4096);
                List<String> warnings = new ArrayList<>();
                Reports.text(profile, config, sb, warnings);
                warnings.forEach(err::println);
                if (output == null) {
                    out.print(sb);
                } else {
                    err.println("Generating report in " + output);
                    Files.writeString(output, sb, StandardCharsets.UTF_8);
                }
                return 0;
            }
        }
    }
}
