package dev.pprof4j.report.web;

import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.Edge;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.Node;
import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.top.VisualGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The call graph in Graphviz's DOT language, drawn the way go tool pprof draws it: a box per
 * function with flat and cum, font size growing with flat, edges thicker with weight and
 * dashed where they skip functions that were trimmed away.
 */
final class DotGraph {
    private DotGraph() {
    }

    static String of(Report rpt, int nodeCount, ViewParams params) {
        // the nodes go tool pprof draws: nodefraction, then nodecount by its entropy order
        Graph g = VisualGraph.of(rpt, nodeCount);
        g.sort(true);
        long total = Math.max(1, rpt.total);
        long maxFlat = 1;
        for (Node n : g.nodes) {
            maxFlat = Math.max(maxFlat, Math.abs(n.flatValue()));
        }
        Map<Node, String> ids = new HashMap<>();
        StringBuilder dot = new StringBuilder(16384);
        dot.append("digraph \"").append(escape(rpt.sampleType)).append("\" {\n")
                .append("node [style=filled fillcolor=\"#f8f8f8\" fontname=\"Helvetica\" shape=box];\n")
                .append("edge [fontname=\"Helvetica\" fontsize=10];\n");
        for (Node n : g.nodes) {
            String id = "N" + (ids.size() + 1);
            ids.put(n, id);
            double share = (double) Math.abs(n.cumValue()) / total;
            int fontSize = (int) Math.round(8 + 24 * Math.sqrt((double) Math.abs(n.flatValue()) / maxFlat));
            String label = n.name() + "\n" + rpt.formatValue(n.flatValue()) + " (" + Measurement.percentage(n.flatValue(), total).strip()
                    + ")" + (n.cumValue() != n.flatValue() ? "\nof " + rpt.formatValue(n.cumValue()) + " (" + Measurement.percentage(n.cumValue(), total).strip() + ")" : "");
            String url = View.PEEK.path + params.query("peek", "^" + Pattern.quote(n.name()) + "$");
            dot.append(id).append(" [label=\"").append(escape(label)).append("\" fontsize=").append(fontSize)
                    .append(" fillcolor=\"").append(colour(share)).append("\" tooltip=\"")
                    .append(escape(n.name() + " | cum " + rpt.formatValue(n.cumValue()))).append("\" URL=\"")
                    .append(escape(url)).append("\"];\n");
        }
        for (Node n : g.nodes) {
            List<Edge> callees = n.callees();
            for (Edge e : callees) {
                String to = ids.get(e.dest);
                if (to == null) {
                    continue;
                }
                // with -mean a call shows its mean per count, as its nodes do (pprof's WeightValue)
                double w = (double) Math.abs(e.weightValue()) / total;
                dot.append(ids.get(n)).append(" -> ").append(to).append(" [label=\" ").append(escape(rpt.formatValue(e.weightValue())))
                        .append("\" penwidth=").append(String.format(Locale.ROOT, "%.2f", 1 + 5 * w))
                        .append(" weight=").append(Math.max(1, (int) (100 * w)))
                        .append(e.residual ? " style=dashed" : "").append(e.inline ? " arrowhead=none" : "").append("];\n");
            }
        }
        dot.append("}\n");
        return dot.toString();
    }

    /** Red for the heaviest, through orange, to pale grey for the light. */
    private static String colour(double share) {
        double t = Math.min(1, Math.sqrt(share));
        int r = 240;
        int gb = (int) Math.round(235 - 180 * t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, gb, (int) Math.round(gb * 0.85));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
