package dev.pprof4j.report.top;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.GoNumbers;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.NodeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** {@code -traces}: every sample's labels, value and stack, leaf first, as go tool pprof prints them. */
public final class TracesReport {
    private static final String SEPARATOR = "-----------+-------------------------------------------------------";

    private TracesReport() {
    }

    public static void print(Report rpt, StringBuilder out) {
        for (String l : Labels.profileLabels(rpt)) {
            out.append(l).append('\n');
        }
        Map<String, String> numLabelUnits = NumLabelUnits.of(rpt.profile);
        Map<Location, String[]> frames = new IdentityHashMap<>();
        List<String> lines = new ArrayList<>();
        for (Sample sample : rpt.profile.samples) {
            List<String> stack = new ArrayList<>();
            for (Location loc : sample.locations) {
                String[] names = frames.computeIfAbsent(loc, TracesReport::frameNames);
                Collections.addAll(stack, names);
            }
            if (stack.isEmpty()) {
                continue;
            }
            out.append(SEPARATOR).append('\n');
            lines.clear();
            for (Map.Entry<String, List<String>> e : sample.labels.entrySet()) {
                lines.add(GoNumbers.padLeft(e.getKey(), 10) + ":  " + String.join(" ", e.getValue()) + "\n");
            }
            Collections.sort(lines);
            lines.forEach(out::append);
            lines.clear();
            for (Map.Entry<String, List<Long>> e : sample.numLabels.entrySet()) {
                String unit = numLabelUnits.getOrDefault(e.getKey(), "");
                List<String> values = new ArrayList<>();
                for (long v : e.getValue()) {
                    values.add(Measurement.label(v, unit));
                }
                lines.add(GoNumbers.padLeft(e.getKey(), 10) + ":  " + String.join(" ", values) + "\n");
            }
            Collections.sort(lines);
            lines.forEach(out::append);
            long v = rpt.valueOf(sample);
            for (int i = 0; i < stack.size(); i++) {
                out.append(GoNumbers.padLeft(i == 0 ? rpt.formatValue(v) : "", 10)).append("   ")
                        .append(stack.get(i)).append('\n');
            }
        }
        out.append(SEPARATOR).append('\n');
    }

    /** The location's frames, inlined ones marked, as pprof names graph nodes. */
    private static String[] frameNames(Location loc) {
        String objfile = loc.mapping != null ? loc.mapping.file : "";
        if (loc.lines.isEmpty()) {
            return new String[] {new NodeInfo("", "", loc.address, "", 0, 0, objfile).printableName()};
        }
        String[] names = new String[loc.lines.size()];
        for (int i = 0; i < names.length; i++) {
            Line line = loc.lines.get(i);
            Function f = line.function();
            NodeInfo info;
            if (f == null) {
                info = new NodeInfo("", "", loc.address, "", 0, 0, objfile);
            } else if (f.name.isEmpty()) {
                info = new NodeInfo("", "", loc.address, NodeInfo.cleanPath(f.filename), f.startLine, line.line(), objfile);
            } else {
                info = new NodeInfo(f.name, "", loc.address, NodeInfo.cleanPath(f.filename), 0, line.line(), "");
            }
            names[i] = info.printableName() + (i != names.length - 1 ? " (inline)" : "");
        }
        return names;
    }
}
