package dev.pprof4j.report.leaks.render;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.detect.Finding;
import dev.pprof4j.report.leaks.detect.FindingKind;
import dev.pprof4j.report.leaks.detect.LeakReport;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

/** The report for people: one block per finding, ranked, with its evidence and its fix. */
public final class TextReport {
    private static final int FRAMES = 8;

    private TextReport() {
    }

    public static String render(LeakReport report) {
        StringBuilder out = new StringBuilder();
        List<java.time.Instant> times = report.times();
        Duration span = Duration.between(times.get(0), times.get(times.size() - 1));
        String window = times.size() + " snapshots over " + seconds(span);
        if (report.leakFound()) {
            out.append("pprof4j leaks: ").append(report.findings().size())
                    .append(report.findings().size() == 1 ? " leak" : " leaks").append(" found (")
                    .append(window).append("; each grew as a trend that never fell back)\n");
        } else {
            out.append("pprof4j leaks: no leak: nothing grew as a trend that never fell back (").append(window)
                    .append(")\n");
        }
        out.append(measured(report));
        int rank = 1;
        for (Finding f : report.findings()) {
            out.append('\n').append(rank++).append(". ").append(f.kind().label()).append(": ").append(f.site())
                    .append('\n');
            finding(out, f);
        }
        if (!report.alsoGrew().isEmpty()) {
            out.append("\nalso grew, explained by the leaks above:\n");
            for (Finding f : report.alsoGrew()) {
                out.append("  ").append(f.kind().label()).append(": ").append(f.site()).append("  ")
                        .append(series(f.values(), f.kind())).append('\n')
                        .append("    because: ").append(f.explainedBy()).append('\n');
            }
        }
        if (!report.unexplained().isEmpty()) {
            out.append("\ngrew, but no leak above explains it and the heap sampler saw no application site"
                    + " make it (the agent's or the JDK's own buffers, or bytes the sampler missed; not counted as a leak):\n");
            for (Finding f : report.unexplained()) {
                out.append("  ").append(f.kind().label()).append(": ").append(f.site()).append("  ")
                        .append(series(f.values(), f.kind())).append('\n')
                        .append("    how sure: ").append(f.trend().summary()).append('\n');
            }
        }
        return out.toString();
    }

    private static void finding(StringBuilder out, Finding f) {
        out.append("   ").append(f.kind().unit()).append(" per round: ").append(series(f.values(), f.kind()))
                .append(f.kind() == FindingKind.THREADS ? "" : "   objects: " + series(f.objects(), FindingKind.THREADS))
                .append('\n');
        out.append("   how sure: ").append(f.trend().summary()).append('\n');
        out.append("   fix: ").append(f.hint().text()).append('\n');
        if (!f.stack().isUnknown()) {
            out.append(f.kind() == FindingKind.THREADS ? "   created by:\n" : "   allocated at:\n");
            frames(out, f.stack());
        }
        if (!f.waitingIn().isUnknown()) {
            out.append("   waiting in:\n");
            frames(out, f.waitingIn());
        }
        f.heldBy().ifPresent(chain -> {
            out.append("   held by: ").append(chain).append('\n');
            if (chain.estimated() && chain.bytes() > 0) {
                out.append("     (about ").append(chain.objects() > 0 ? chain.objects() + " " + chain.target()
                        + (chain.objects() == 1 ? " object, " : " objects, ") : "").append(bytes(chain.bytes()))
                        .append(" held this way now, estimated from the heap sampler's samples)\n");
            } else if (chain.objects() > 0) {
                out.append("     (").append(chain.objects()).append(' ').append(chain.target())
                        .append(chain.objects() == 1 ? " object, " : " objects, ").append(bytes(chain.bytes()))
                        .append(" held this way now)\n");
            }
        });
    }

    private static void frames(StringBuilder out, Stack stack) {
        for (Frame frame : stack.top(FRAMES)) {
            out.append("     ").append(frame).append('\n');
        }
        if (stack.frames().size() > FRAMES) {
            out.append("     ... ").append(stack.frames().size() - FRAMES).append(" more\n");
        }
    }

    private static String measured(LeakReport report) {
        StringJoiner yes = new StringJoiner(", ");
        StringJoiner no = new StringJoiner(", ");
        for (Measure m : Measure.values()) {
            (report.measured().contains(m) ? yes : no).add(m.label());
        }
        StringBuilder out = new StringBuilder("measured: ").append(yes.length() == 0 ? "nothing" : yes);
        if (no.length() > 0) {
            out.append("; not measured: ").append(no);
        }
        out.append('\n');
        for (String note : report.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String series(long[] values, FindingKind kind) {
        StringJoiner j = new StringJoiner(" → ");
        for (long v : values) {
            j.add(kind == FindingKind.THREADS ? Long.toString(v) : bytes(v));
        }
        long growth = values[values.length - 1] - values[0];
        return j + "  (" + (growth >= 0 ? "+" : "") + (kind == FindingKind.THREADS ? Long.toString(growth) : bytes(growth))
                + ")";
    }

    /** Bytes the way go tool pprof prints them: 512B, 12.50kB, 3.20MB. */
    static String bytes(long n) {
        long abs = Math.abs(n);
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = abs;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String s = u == 0 ? Long.toString(abs) + units[0] : String.format("%.2f%s", v, units[u]);
        return n < 0 ? "-" + s : s;
    }

    private static String seconds(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 120 ? s + "s" : (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
}
