package dev.pprof4j.report.top;

import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.graph.Edge;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.GraphSource;
import dev.pprof4j.report.graph.Node;
import dev.pprof4j.report.graph.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The graph a drawn call graph shows ({@code -dot}, {@code -svg}, {@code -png}, {@code -pdf},
 * the web UI's graph), trimmed as pprof's {@code newTrimmedGraph} trims it in visual mode:
 * nodes below nodefraction dropped, then the nodes ordered by pprof's entropy score (entry
 * and leaf nodes and nodes where calls branch first) and the first kept until they and their
 * label nodelets (up to four a node) fill nodecount.
 */
public final class VisualGraph {
    /** pprof's maxNodelets: label boxes drawn under a node, counted against nodecount. */
    private static final int MAX_NODELETS = 4;

    private VisualGraph() {
    }

    /** The graph to draw, with its calls; {@code nodeCount} -1 means pprof's default, 80. */
    public static Graph of(Report rpt, int nodeCount) {
        ReportConfig c = rpt.config;
        if (c.callTree) {
            return VisualCallTree.of(rpt, nodeCount);
        }
        int count = nodeCount == -1 ? 80 : nodeCount;
        double nodeFraction = c.trim ? c.nodeFraction : 0;
        double edgeFraction = c.trim ? c.edgeFraction : 0;
        if (!c.trim) {
            count = 0;
        }
        GraphSource source = GraphSource.of(rpt.profile);
        Graph g = source.build(rpt.sampleIndex, rpt.meanDivisor, null, true).withoutNegative(rpt.config.dropNegative);
        long totalValue = g.flatSum();
        long nodeCutoff = Math.abs((long) ((double) totalValue * nodeFraction));
        long edgeCutoff = Math.abs((long) ((double) totalValue * edgeFraction));
        if (nodeCutoff > 0) {
            Set<NodeInfo> atLeast = g.nodesAtLeast(nodeCutoff);
            if (atLeast.size() != g.nodes.size()) {
                g = source.build(rpt.sampleIndex, rpt.meanDivisor, atLeast, true).withoutNegative(rpt.config.dropNegative);
            }
        }
        List<Node> order = entropyOrder(g);
        if (count > 0) {
            Map<NodeInfo, Integer> tags = flatTagCounts(rpt, nodeCutoff);
            int keep = count;
            int seen = 0;
            for (int i = 0; i < order.size(); i++) {
                int nodelets = Math.min(MAX_NODELETS, tags.getOrDefault(order.get(i).info, 0));
                if ((seen += nodelets + 1) >= count) {
                    keep = i + 1;
                    break;
                }
            }
            if (keep < order.size()) {
                Set<NodeInfo> kept = new LinkedHashSet<>();
                for (Node n : order.subList(0, keep)) {
                    kept.add(n.info);
                }
                g = source.build(rpt.sampleIndex, rpt.meanDivisor, kept, true).withoutNegative(rpt.config.dropNegative);
            }
        }
        g.sort(c.cumSort);
        g.trimLowFrequencyEdges(edgeCutoff);
        return g;
    }

    /** pprof's EntropyOrder: by |score|, then name, then |flat|. */
    static List<Node> entropyOrder(Graph g) {
        Map<Node, Long> score = new HashMap<>();
        for (Node n : g.nodes) {
            score.put(n, entropyScore(n));
        }
        List<Node> order = new ArrayList<>(g.nodes);
        order.sort(Comparator.<Node>comparingLong(n -> -Math.abs(score.get(n))).thenComparing(Node::name)
                .thenComparingLong(n -> -Math.abs(n.flat)).thenComparing(n -> n.info.goString()));
        return order;
    }

    static long entropyScore(Node n) {
        double score = 0;
        List<Edge> in = n.callers();
        List<Edge> out = n.callees();
        score += in.isEmpty() ? 1 : edgeEntropyScore(in, 0);
        score += out.isEmpty() ? 1 : edgeEntropyScore(out, n.flat);
        return (long) (score * (double) n.cum) + n.flat;
    }

    private static double edgeEntropyScore(List<Edge> edges, long self) {
        double score = 0;
        long total = self;
        for (Edge e : edges) {
            if (e.weight > 0) {
                total += Math.abs(e.weight);
            }
        }
        if (total != 0) {
            for (Edge e : edges) {
                double frac = (double) Math.abs(e.weight) / (double) total;
                score += -frac * (Math.log(frac) / Math.log(2));
            }
            if (self > 0) {
                double frac = (double) Math.abs(self) / (double) total;
                score += -frac * (Math.log(frac) / Math.log(2));
            }
        }
        return score;
    }

    /**
     * Per node, its label tags that pprof would draw (countTags after TrimLowFrequencyTags):
     * the sample's joined string labels and each formatted numeric label, with a non-zero flat
     * value and a flat or cum value of at least the node cutoff.
     */
    private static Map<NodeInfo, Integer> flatTagCounts(Report rpt, long cutoff) {
        Map<String, String> units = NumLabelUnits.of(rpt.profile);
        GraphSource source = GraphSource.of(rpt.profile);
        Map<NodeInfo, Map<String, long[]>> tags = new HashMap<>();
        Set<NodeInfo> seen = new HashSet<>();
        for (int si = 0; si < rpt.profile.samples.size(); si++) {
            Sample s = rpt.profile.samples.get(si);
            long w = s.values[rpt.sampleIndex];
            if (w == 0 || s.locations.isEmpty()) {
                continue;
            }
            List<String> keys = tagKeys(s, units.get("bytes"), rpt.config.unit);
            if (keys.isEmpty()) {
                continue;
            }
            seen.clear();
            List<NodeInfo> stack = source.nodesOf(si);
            for (int i = 0; i < stack.size(); i++) {
                NodeInfo info = stack.get(i);
                Map<String, long[]> t = tags.computeIfAbsent(info, k -> new HashMap<>());
                if (seen.add(info)) {
                    for (String key : keys) {
                        t.computeIfAbsent(key, k -> new long[2])[1] += w;
                    }
                }
                if (i == stack.size() - 1) {
                    for (String key : keys) {
                        t.computeIfAbsent(key, k -> new long[2])[0] += w;
                    }
                }
            }
        }
        Map<NodeInfo, Integer> counts = new HashMap<>();
        tags.forEach((info, t) -> {
            int n = 0;
            for (long[] v : t.values()) {
                if (v[0] != 0 && (Math.abs(v[0]) >= cutoff || Math.abs(v[1]) >= cutoff)) {
                    n++;
                }
            }
            counts.put(info, n);
        });
        return counts;
    }

    /**
     * A sample's tags as pprof's graph keys them: the joined string labels (without
     * {@code pprof::base}), and each value of the numeric label {@code bytes}, the only one
     * pprof's graphs keep, formatted.
     */
    static List<String> tagKeys(Sample s, String bytesUnit, String outputUnit) {
        List<String> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        s.labels.forEach((k, vs) -> {
            if (!k.equals("pprof::base")) {
                vs.forEach(v -> labels.add(k + ":" + v));
            }
        });
        labels.sort(null);
        String joined = String.join("\\n", labels);
        if (!joined.isEmpty()) {
            keys.add("L" + joined);
        }
        Map<String, Boolean> numeric = new TreeMap<>();
        for (long v : s.numLabels.getOrDefault("bytes", List.of())) {
            numeric.put("N" + joined + "\u0000" + Measurement.scaledLabel(v, bytesUnit == null ? "bytes" : bytesUnit, outputUnit), true);
        }
        keys.addAll(numeric.keySet());
        return keys;
    }
}
