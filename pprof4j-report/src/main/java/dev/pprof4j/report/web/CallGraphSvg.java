package dev.pprof4j.report.web;

import dev.pprof4j.report.top.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code pprof4j -dot}, {@code -svg}, {@code -png}, {@code -pdf}: the call graph of the web
 * UI's Graph view as a standalone file, drawn by Graphviz (as go tool pprof draws them).
 */
public final class CallGraphSvg {
    private CallGraphSvg() {
    }

    /**
     * @param nodeCount functions shown at most; -1 for the default (80), 0 for all
     * @throws IOException when dot is missing or fails; the message says how to install it
     */
    public static String render(Report rpt, int nodeCount) throws IOException {
        return new String(render(rpt, nodeCount, "svg"), StandardCharsets.UTF_8);
    }

    /**
     * The call graph in {@code format}: {@code dot} (the DOT text itself), or what Graphviz
     * draws of it: {@code svg}, {@code png}, {@code pdf}.
     */
    public static byte[] render(Report rpt, int nodeCount, String format) throws IOException {
        String dot = DotGraph.of(rpt, nodeCount, ViewParams.parse(null));
        if (format.equals("dot")) {
            return dot.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return GraphView.runDot("dot", dot, format);
        } catch (GraphView.DotMissing e) {
            throw new IOException("-" + format + " draws the call graph with Graphviz dot, which is not installed ("
                    + e.getMessage() + "); install graphviz, or use -dot for the graph's text"
                    + (format.equals("svg") ? ", or -flame -svg for a flame graph without it" : ""), e);
        }
    }
}
