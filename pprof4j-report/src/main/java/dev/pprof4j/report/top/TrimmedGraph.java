package dev.pprof4j.report.top;

import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.GraphSource;
import dev.pprof4j.report.graph.NodeInfo;
import java.util.Set;

/**
 * The graph a report shows, trimmed as pprof's {@code newTrimmedGraph} does: nodes whose
 * cum is below nodefraction of the total are dropped, then only the top nodecount are kept;
 * after each cut the graph is rebuilt from the samples, so calls skip the cut nodes.
 * The cuts look only at nodes' values, so the calls are counted once, for the graph shown.
 */
record TrimmedGraph(Graph graph, int origCount, int droppedNodes, int droppedEdges, double nodeFraction,
        double edgeFraction) {

    static TrimmedGraph of(Report rpt, int nodeCount, double nodeFraction, double edgeFraction) {
        return of(rpt, GraphSource.of(rpt.profile), nodeCount, nodeFraction, edgeFraction);
    }

    /** As {@link #of(Report, int, double, double)}, of the nodes {@code source} makes of the profile. */
    static TrimmedGraph of(Report rpt, GraphSource source, int nodeCount, double nodeFraction, double edgeFraction) {
        // choosing nodes needs only their flat and cum; only the graph shown gets its calls
        Graph g = source.build(rpt.sampleIndex, rpt.meanDivisor, null, false).withoutNegative(rpt.config.dropNegative);
        long totalValue = g.flatSum();
        long nodeCutoff = Math.abs((long) ((double) totalValue * nodeFraction));
        long edgeCutoff = Math.abs((long) ((double) totalValue * edgeFraction));
        int droppedNodes = 0;
        Set<NodeInfo> kept = null;
        if (nodeCutoff > 0) {
            Set<NodeInfo> atLeast = g.nodesAtLeast(nodeCutoff);
            if (atLeast.size() != g.nodes.size()) {
                droppedNodes = g.nodes.size() - atLeast.size();
                kept = atLeast;
                g = source.build(rpt.sampleIndex, rpt.meanDivisor, kept, false).withoutNegative(rpt.config.dropNegative);
            }
        }
        int origCount = g.nodes.size();
        boolean cum = rpt.config.cumSort;
        if (nodeCount > 0 && nodeCount < g.nodes.size()) {
            g.sort(cum);
            kept = g.topNodes(nodeCount);
        }
        g = source.build(rpt.sampleIndex, rpt.meanDivisor, kept, true).withoutNegative(rpt.config.dropNegative);
        g.sort(cum);
        int droppedEdges = g.trimLowFrequencyEdges(edgeCutoff);
        return new TrimmedGraph(g, origCount, droppedNodes, droppedEdges, nodeFraction, edgeFraction);
    }

    /** The trimming settings a report format uses (pprof's applyCommandOverrides). */
    static TrimmedGraph forFormat(Report rpt, boolean defaultAll) {
        ReportConfig c = rpt.config;
        int nodeCount = c.nodeCount == -1 ? (defaultAll ? 0 : 80) : c.nodeCount;
        if (!c.trim) {
            return of(rpt, 0, 0, 0);
        }
        return of(rpt, nodeCount, c.nodeFraction, c.edgeFraction);
    }
}
