package dev.pprof4j.report.top;

import dev.pprof4j.report.GoNumbers;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** {@code -top}: one row per node, go tool pprof's layout {@code %10s %5s%% %5s%% %10s %5s%%}. */
public final class TopReport {
    private TopReport() {
    }

    /** A row's data, apart from its printing (the web UI shows the same rows). */
    public record Row(String name, String inlineLabel, long flat, long cum, String flatFormat, String cumFormat) {
    }

    /** The rows and the header lines above them. */
    public record Rows(List<Row> rows, List<String> labels) {
    }

    public static Rows rows(Report rpt) {
        TrimmedGraph tg = TrimmedGraph.forFormat(rpt, true);
        rpt.selectOutputUnit(tg.graph());
        // text reports count no dropped edges in their header
        List<String> labels = Labels.reportLabels(rpt, tg, 0);
        List<Row> rows = new ArrayList<>(tg.graph().nodes.size());
        for (Node n : tg.graph().nodes) {
            rows.add(new Row(n.name(), n.inlineLabel(), n.flatValue(), n.cumValue(), rpt.formatValue(n.flatValue()),
                    rpt.formatValue(n.cumValue())));
        }
        return new Rows(rows, labels);
    }

    public static void print(Report rpt, StringBuilder out) {
        Rows r = rows(rpt);
        for (String l : r.labels()) {
            out.append(l).append('\n');
        }
        out.append("      flat  flat%   sum%        cum   cum%\n");
        long flatSum = 0;
        for (Row row : r.rows()) {
            flatSum += row.flat();
            out.append(GoNumbers.padLeft(row.flatFormat(), 10)).append(' ')
                    .append(Measurement.percentage(row.flat(), rpt.total)).append(' ')
                    .append(Measurement.percentage(flatSum, rpt.total)).append(' ')
                    .append(GoNumbers.padLeft(row.cumFormat(), 10)).append(' ')
                    .append(Measurement.percentage(row.cum(), rpt.total)).append("  ")
                    .append(row.name());
            if (!row.inlineLabel().isEmpty()) {
                out.append(' ').append(row.inlineLabel());
            }
            out.append('\n');
        }
    }
}
