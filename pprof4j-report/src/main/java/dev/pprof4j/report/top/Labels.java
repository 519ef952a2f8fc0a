package dev.pprof4j.report.top;

import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.graph.GoPath;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The header lines above a report, worded and formatted as go tool pprof's. */
final class Labels {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
        "Sep", "Oct", "Nov", "Dec"};

    private Labels() {
    }

    /** {@code File:}, {@code Build ID:}, comments, {@code Type:}, {@code Time:}, {@code Duration:}. */
    static List<String> profileLabels(Report rpt) {
        List<String> label = new ArrayList<>();
        Profile prof = rpt.profile;
        if (!prof.mappings.isEmpty()) {
            Mapping main = prof.mappings.get(0);
            if (!main.file.isEmpty()) {
                label.add("File: " + GoPath.base(main.file));
            }
            if (!main.buildId.isEmpty()) {
                label.add("Build ID: " + main.buildId);
            }
        }
        for (String c : prof.comments) {
            if (!c.startsWith("#")) {
                label.add(c);
            }
        }
        if (!rpt.sampleType.isEmpty()) {
            label.add("Type: " + rpt.sampleType);
        }
        if (prof.timeNanos != 0) {
            label.add("Time: " + goTime(prof.timeNanos, ZoneId.systemDefault()));
        }
        if (prof.durationNanos != 0) {
            String duration = Measurement.label(prof.durationNanos, "nanoseconds");
            Measurement.Scaled totalNanos = Measurement.scale(rpt.total, rpt.sampleUnit, "nanoseconds");
            String ratio = "";
            if (totalNanos.unit().equals("ns") && totalNanos.value() != 0) {
                ratio = "(" + Measurement.percentage((long) totalNanos.value(), prof.durationNanos) + ")";
            }
            label.add("Duration: " + duration + ", Total samples = " + rpt.formatValue(rpt.total) + " " + ratio);
        }
        return label;
    }

    /** The profile labels, active filters, and what the rows below account for. */
    static List<String> reportLabels(Report rpt, TrimmedGraph tg, int droppedEdges) {
        List<String> label = rpt.config.compactLabels ? new ArrayList<>() : profileLabels(rpt);
        long flatSum = 0;
        for (dev.pprof4j.report.graph.Node n : tg.graph().nodes) {
            flatSum += n.flatValue(); // -mean: the means, as the rows show them
        }
        label.addAll(activeFilters(rpt.config));
        label.add("Showing nodes accounting for " + rpt.formatValue(flatSum) + ", "
                + Measurement.percentage(flatSum, rpt.total).trim() + " of " + rpt.formatValue(rpt.total) + " total");
        if (rpt.total != 0) {
            if (tg.droppedNodes() > 0) {
                label.add(dropped(tg.droppedNodes(), "node", "cum",
                        rpt.formatValue(Math.abs((long) ((double) rpt.total * tg.nodeFraction())))));
            }
            if (droppedEdges > 0) {
                label.add(dropped(droppedEdges, "edge", "freq",
                        rpt.formatValue(Math.abs((long) ((double) rpt.total * tg.edgeFraction())))));
            }
            int nodeCount = tg.graph().nodes.size();
            if (nodeCount > 0 && nodeCount < tg.origCount()) {
                label.add("Showing top " + nodeCount + " nodes out of " + tg.origCount());
            }
        }
        return label;
    }

    static List<String> activeFilters(ReportConfig c) {
        List<String> filters = new ArrayList<>();
        addFilter(filters, "focus", c.focus);
        addFilter(filters, "ignore", c.ignore);
        addFilter(filters, "hide", c.hide);
        addFilter(filters, "show", c.show);
        addFilter(filters, "show_from", c.showFrom);
        addFilter(filters, "tagfocus", c.tagFocus);
        addFilter(filters, "tagignore", c.tagIgnore);
        addFilter(filters, "tagshow", c.tagShow);
        addFilter(filters, "taghide", c.tagHide);
        if (filters.isEmpty()) {
            return filters;
        }
        List<String> legend = new ArrayList<>();
        legend.add("Active filters:");
        for (String s : filters) {
            if (s.length() > 80) {
                s = s.substring(0, 80) + "…";
            }
            legend.add("   " + s);
        }
        return legend;
    }

    private static void addFilter(List<String> filters, String key, String value) {
        if (value != null && !value.isEmpty()) {
            filters.add(key + "=" + value);
        }
    }

    private static String dropped(int d, String n, String l, String f) {
        return "Dropped " + d + " " + (d > 1 ? n + "s" : n) + " (" + l + " <= " + f + ")";
    }

    /** Go's {@code time.Format("Jan 2, 2006 at 3:04pm (MST)")} in the local time zone. */
    static String goTime(long nanos, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .atZone(zone);
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        // Go prints the zone's abbreviation from tzdata ("UTC", "CET", "EST")
        String zoneName = java.util.TimeZone.getTimeZone(zone).getDisplayName(
                zone.getRules().isDaylightSavings(t.toInstant()), java.util.TimeZone.SHORT, Locale.US);
        return String.format(Locale.ROOT, "%s %d, %d at %d:%02d%s (%s)", MONTHS[t.getMonthValue() - 1],
                t.getDayOfMonth(), t.getYear(), hour12, t.getMinute(), t.getHour() < 12 ? "am" : "pm", zoneName);
    }
}
