package dev.pprof4j.report.top;

import dev.pprof4j.report.GoNumbers;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.Edge;
import dev.pprof4j.report.graph.Node;
import java.util.regex.Pattern;

/**
 * {@code -tree} and {@code -peek RE}: each node between its callers (above) and callees
 * (below), with the share of the node's cum each call carries.
 */
public final class TreeReport {
    private static final String SEPARATOR = "----------------------------------------------------------+-------------";
    private static final String LEGEND = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ";

    private TreeReport() {
    }

    /**
     * Prints the tree; with {@code peek} only nodes whose name matches.
     *
     * @throws IllegalArgumentException when {@code peek} matches no node
     */
    public static void print(Report rpt, Pattern peek, StringBuilder out) {
        TrimmedGraph tg = peek != null ? TrimmedGraph.of(rpt, 0, 0, 0) : TrimmedGraph.forFormat(rpt, false);
        rpt.selectOutputUnit(tg.graph());
        for (String l : Labels.reportLabels(rpt, tg, 0)) {
            out.append(l).append('\n');
        }
        out.append(SEPARATOR).append('\n').append(LEGEND).append('\n');
        long flatSum = 0;
        int matched = 0;
        for (Node n : tg.graph().nodes) {
            String name = n.name();
            if (peek != null && !peek.matcher(name).find()) {
                continue;
            }
            matched++;
            out.append(SEPARATOR).append('\n');
            for (Edge in : n.callers()) {
                edge(rpt, out, in.weight, n.cumValue(), in.src.name(), in.inline);
            }
            flatSum += n.flatValue();
            out.append(GoNumbers.padLeft(rpt.formatValue(n.flatValue()), 10)).append(' ')
                    .append(Measurement.percentage(n.flatValue(), rpt.total)).append(' ')
                    .append(Measurement.percentage(flatSum, rpt.total)).append(' ')
                    .append(GoNumbers.padLeft(rpt.formatValue(n.cumValue()), 10)).append(' ')
                    .append(Measurement.percentage(n.cumValue(), rpt.total)).append("                | ")
                    .append(name).append('\n');
            for (Edge o : n.callees()) {
                edge(rpt, out, o.weight, n.cumValue(), o.dest.name(), o.inline);
            }
        }
        if (!tg.graph().nodes.isEmpty()) {
            out.append(SEPARATOR).append('\n');
        }
        if (peek != null && matched == 0) {
            throw new IllegalArgumentException("no matches found for regexp: " + peek.pattern());
        }
    }

    private static void edge(Report rpt, StringBuilder out, long weight, long cum, String name, boolean inline) {
        out.append(GoNumbers.padLeft(rpt.formatValue(weight), 50)).append(' ')
                .append(Measurement.percentage(weight, cum)).append(" |   ").append(name)
                .append(inline ? " (inline)" : "").append('\n');
    }
}
