package dev.pprof4j.report.top;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -topproto}: {@code -top}'s rows as a profile, as go tool pprof's {@code printTopProto}
 * writes them: one sample per row, whose one location is the row's function and line; its
 * values are {@code cum} and {@code flat}, in the unit {@code -top} chose for its rows
 * (whole numbers of it, truncated), with the source's time, duration and period.
 */
public final class TopProtoReport {
    private TopProtoReport() {
    }

    public static Profile build(Report rpt) {
        TrimmedGraph tg = TrimmedGraph.forFormat(rpt, true);
        rpt.selectOutputUnit(tg.graph());
        String unit = rpt.outputUnit();
        Profile out = new Profile();
        out.sampleTypes.add(new ValueType("cum", unit));
        out.sampleTypes.add(new ValueType("flat", unit));
        out.timeNanos = rpt.profile.timeNanos;
        out.durationNanos = rpt.profile.durationNanos;
        out.periodType = rpt.profile.periodType;
        out.period = rpt.profile.period;
        // one function per name, system name, file and start line, as Go's functionMap
        Map<List<Object>, Function> functions = new HashMap<>();
        List<Node> nodes = tg.graph().nodes;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Function f = functions.computeIfAbsent(
                    List.of(n.info.name(), n.info.origName(), n.info.file(), n.info.startLine()), k -> {
                        Function fn = new Function(n.info.name(), n.info.file());
                        fn.systemName = n.info.origName();
                        fn.startLine = n.info.startLine();
                        fn.id = out.functions.size() + 1;
                        out.functions.add(fn);
                        return fn;
                    });
            Location l = new Location(new Line(f, n.info.lineno()));
            l.id = i + 1;
            l.address = n.info.address();
            out.locations.add(l);
            long cum = (long) Measurement.scale(n.cumValue(), rpt.sampleUnit, unit).value();
            long flat = (long) Measurement.scale(n.flatValue(), rpt.sampleUnit, unit).value();
            out.samples.add(new Sample(new ArrayList<>(List.of(l)), cum, flat));
        }
        return out;
    }
}
