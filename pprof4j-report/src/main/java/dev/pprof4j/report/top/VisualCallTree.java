package dev.pprof4j.report.top;

import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.graph.CallTree;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.GraphSource;
import dev.pprof4j.report.graph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drawn call graph with {@code -call_tree}: a {@link CallTree}, trimmed as pprof's
 * {@code newTrimmedGraph} trims a tree. The same cuts as {@link VisualGraph}'s (nodefraction,
 * then nodecount in entropy order with label nodelets counted), but made on tree nodes and
 * in place, so a dropped node's callees hang from its caller; calls lighter than
 * edgefraction are cut after the nodes are ordered and before nodecount cuts the tree (a
 * node that loses its caller becomes a root), and again at the end.
 */
final class VisualCallTree {
    private static final int MAX_NODELETS = 4;

    private VisualCallTree() {
    }

    static Graph of(Report rpt, int nodeCount) {
        ReportConfig c = rpt.config;
        int count = !c.trim ? 0 : nodeCount == -1 ? 80 : nodeCount;
        double nodeFraction = c.trim ? c.nodeFraction : 0;
        double edgeFraction = c.trim ? c.edgeFraction : 0;
        CallTree tree = CallTree.of(GraphSource.of(rpt.profile), rpt.sampleIndex, rpt.meanDivisor, c.dropNegative);
        Graph g = tree.graph;
        long totalValue = g.flatSum();
        long nodeCutoff = Math.abs((long) ((double) totalValue * nodeFraction));
        long edgeCutoff = Math.abs((long) ((double) totalValue * edgeFraction));
        if (nodeCutoff > 0) {
            List<Node> atLeast = new ArrayList<>();
            for (Node n : g.nodes) {
                if (Math.abs(n.cum) >= nodeCutoff) {
                    atLeast.add(n);
                }
            }
            if (atLeast.size() != g.nodes.size()) {
                CallTree.trim(g, CallTree.identitySet(atLeast));
            }
        }
        if (count > 0) {
            // ordered with every call, as pprof sorts before it cuts light calls
            List<Node> order = VisualGraph.entropyOrder(g);
            g.trimLowFrequencyEdges(edgeCutoff);
            Map<Node, Integer> tags = flatTagCounts(rpt, tree, nodeCutoff);
            int keep = order.size();
            int seen = 0;
            for (int i = 0; i < order.size(); i++) {
                int nodelets = Math.min(MAX_NODELETS, tags.getOrDefault(order.get(i), 0));
                if ((seen += nodelets + 1) >= count) {
                    keep = i + 1;
                    break;
                }
            }
            if (keep < order.size()) {
                Set<Node> kept = CallTree.identitySet(order.subList(0, keep));
                CallTree.trim(g, kept);
            }
        }
        g.sort(c.cumSort);
        g.trimLowFrequencyEdges(edgeCutoff);
        return g;
    }

    /** Per tree node, the label tags pprof would draw under it (as {@link VisualGraph}'s, on the tree's paths). */
    private static Map<Node, Integer> flatTagCounts(Report rpt, CallTree tree, long cutoff) {
        Map<String, String> units = NumLabelUnits.of(rpt.profile);
        Map<Node, Map<String, long[]>> tags = new IdentityHashMap<>();
        for (int si = 0; si < rpt.profile.samples.size(); si++) {
            Sample s = rpt.profile.samples.get(si);
            long w = s.values[rpt.sampleIndex];
            if (w == 0 || s.locations.isEmpty()) {
                continue;
            }
            List<String> keys = VisualGraph.tagKeys(s, units.get("bytes"), rpt.config.unit);
            if (keys.isEmpty()) {
                continue;
            }
            List<Node> stack = tree.nodesOf(si);
            for (int i = 0; i < stack.size(); i++) {
                Map<String, long[]> t = tags.computeIfAbsent(stack.get(i), k -> new HashMap<>());
                for (String key : keys) {
                    long[] v = t.computeIfAbsent(key, k -> new long[2]);
                    v[1] += w;
                    if (i == stack.size() - 1) {
                        v[0] += w;
                    }
                }
            }
        }
        Map<Node, Integer> counts = new IdentityHashMap<>();
        tags.forEach((node, t) -> {
            int n = 0;
            for (long[] v : t.values()) {
                if (v[0] != 0 && (Math.abs(v[0]) >= cutoff || Math.abs(v[1]) >= cutoff)) {
                    n++;
                }
            }
            counts.put(node, n);
        });
        return counts;
    }
}
