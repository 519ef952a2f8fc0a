package dev.pprof4j.report.top;

import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.top.SourceListing.Routine;
import dev.pprof4j.report.top.SourceListing.SourceLine;
import java.util.regex.Pattern;

/**
 * {@code -list RE}: the source of each function matching RE, every line with its flat and cum
 * value, as go tool pprof's {@code printSource} prints it (a profile aggregated to lines).
 * Sources are found by {@link SourceReader}; a file that is not found is reported in the
 * listing, as Go does, and the other functions are still listed.
 */
public final class ListReport {
    private ListReport() {
    }

    /**
     * @throws IllegalArgumentException when no function matches, in go tool pprof's words
     */
    public static void print(Report rpt, Pattern symbol, StringBuilder out) {
        SourceReader reader = new SourceReader(rpt.config.sourcePath, rpt.config.trimPath);
        java.util.List<Routine> routines = SourceListing.of(rpt, symbol, reader);
        out.append("Total: ").append(rpt.formatValue(rpt.total)).append('\n');
        for (Routine r : routines) {
            if (r.file().isEmpty()) {
                out.append("No source information for ").append(r.function()).append('\n');
                continue;
            }
            out.append("ROUTINE ======================== ").append(r.function()).append(" in ").append(r.file()).append('\n');
            out.append(String.format("%10s %10s (flat, cum) %s of Total%n", rpt.formatValue(r.flat()),
                    rpt.formatValue(r.cum()), Measurement.percentage(r.cum(), rpt.total)).replace(System.lineSeparator(), "\n"));
            if (r.error() != null) {
                out.append(" Error: ").append(r.error()).append('\n');
                continue;
            }
            for (SourceLine l : r.lines()) {
                out.append(String.format("%10s %10s %6d:%s", valueOrDot(l.flat(), rpt), valueOrDot(l.cum(), rpt),
                        l.lineno(), l.text())).append('\n');
            }
        }
    }

    static String valueOrDot(long v, Report rpt) {
        return v == 0 ? "." : rpt.formatValue(v);
    }
}
