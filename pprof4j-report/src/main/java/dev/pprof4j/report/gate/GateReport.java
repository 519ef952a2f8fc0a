package dev.pprof4j.report.gate;

import java.util.List;
import java.util.Locale;

/** Prints a gate's verdict: what was compared, the regressions first, then the totals. */
public final class GateReport {
    private static final int GROWN_SHOWN = 10;

    private GateReport() {
    }

    public static String format(GateResult result) {
        StringBuilder out = new StringBuilder();
        out.append("gate: ").append(result.what()).append('\n');
        List<Comparison> regressions = result.regressions();
        if (regressions.isEmpty()) {
            out.append("PASS: no metric regressed\n");
        } else {
            out.append("FAIL: ").append(regressions.size()).append(regressions.size() == 1 ? " metric" : " metrics")
                    .append(" regressed:\n");
            regressions.forEach(c -> out.append(row(c)));
        }
        List<Comparison> others = result.compared().stream().filter(c -> !c.regressed()).limit(GROWN_SHOWN).toList();
        if (!others.isEmpty()) {
            out.append("within the threshold:\n");
            others.forEach(c -> out.append(row(c)));
        }
        result.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }

    /**
     * The change column is the change as a share of what the verdict judges it against (the
     * metric's baseline, or the baseline total for a profile's function, whose own change
     * follows its name), so a row's percentage and its verdict agree.
     */
    private static String row(Comparison c) {
        String own = c.sharesAReference() && c.baseline() != 0
                ? " (itself " + change(c.current() - c.baseline(), c.baseline(), c.current() == c.baseline()) + ")"
                : c.sharesAReference() ? " (new)" : "";
        return String.format(Locale.ROOT, "  %9s  %12s -> %-12s %s%s%n",
                change(c.current() - c.baseline(), c.reference(), c.current() == c.baseline()),
                value(c.baseline(), c.unit()), value(c.current(), c.unit()), c.name(), own);
    }

    private static String change(double delta, double of, boolean same) {
        double change = of == 0 ? Double.NaN : delta / Math.abs(of);
        return Double.isNaN(change) ? (same ? "+0%" : "new")
                : Math.abs(change) >= 100 ? (change > 0 ? "+>9999%" : "-<9999%") // from about nothing
                : String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }

    /** Values in pprof's habits: bytes as kB/MB/GB (1024-based, as go tool pprof prints), time in s/ms. */
    static String value(double v, String unit) {
        switch (unit) {
            case "bytes":
                return scaled(v, 1024, new String[] {"B", "kB", "MB", "GB", "TB"});
            case "nanoseconds":
                if (Math.abs(v) >= 1e9) {
                    return String.format(Locale.ROOT, "%.2fs", v / 1e9);
                }
                return String.format(Locale.ROOT, "%.2fms", v / 1e6);
            case "count":
            case "":
                return String.format(Locale.ROOT, "%.0f", v);
            default:
                return String.format(Locale.ROOT, "%.3f %s", v, unit);
        }
    }

    private static String scaled(double v, double step, String[] units) {
        int i = 0;
        while (Math.abs(v) >= step && i < units.length - 1) {
            v /= step;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f%s", v, units[0])
                : String.format(Locale.ROOT, "%.2f%s", v, units[i]);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.4g", fraction * 100).replaceAll("\\.?0+$", "") + "%";
    }
}
