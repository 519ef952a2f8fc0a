package dev.pprof4j.report.web;

import dev.pprof4j.report.top.Report;
import java.io.IOException;

/** {@code pprof4j -svg}: the call graph of the web UI's Graph view as a standalone SVG, drawn by Graphviz. */
public final class CallGraphSvg {
    private CallGraphSvg() {
    }

    /**
     * @param nodeCount functions shown at most; -1 for the default (80)
     * @throws IOException when dot is missing or fails; the message says how to install it
     */
    public static String render(Report rpt, int nodeCount) throws IOException {
        String dot = DotGraph.of(rpt, nodeCount <= 0 ? GraphView.DEFAULT_NODES : nodeCount, ViewParams.parse(null));
        try {
            return GraphView.runDot("dot", dot);
        } catch (GraphView.DotMissing e) {
            throw new IOException("-svg draws the call graph with Graphviz dot, which is not installed ("
                    + e.getMessage() + "); install graphviz, or use -flame -svg for a flame graph without it", e);
        }
    }
}
