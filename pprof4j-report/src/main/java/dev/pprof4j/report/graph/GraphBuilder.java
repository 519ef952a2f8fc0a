package dev.pprof4j.report.graph;

import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over the samples that adds each sample's value to the nodes of its stack
 * (cum, once per sample even under recursion), to its leaf (flat) and, when asked, to the
 * calls between them (pprof's {@code newGraph}). Values are summed in arrays indexed by node
 * id; {@link Node} and {@link Edge} objects are made only for what the graph holds at the end.
 */
final class GraphBuilder {
    private final GraphSource source;
    private final int sampleIndex;
    /** {@code -mean}'s divisor: the values at this index (-1: none); pprof's SampleMeanDivisor. */
    private final int divisorIndex;
    /** Null when every node is kept. */
    private final boolean[] kept;
    private final EdgeTable calls;
    private final long[] flat;
    private final long[] cum;
    /** The divisors' sums of each node, as its values' (null without a divisor). */
    private final long[] flatDiv;
    private final long[] cumDiv;
    /** The last sample (1-based) that added to a node's cum, so recursion counts once. */
    private final int[] seenInSample;

    GraphBuilder(GraphSource source, int sampleIndex, int divisorIndex, boolean[] kept, boolean withCalls) {
        this.source = source;
        this.sampleIndex = sampleIndex;
        this.divisorIndex = divisorIndex;
        this.kept = kept;
        this.calls = withCalls ? new EdgeTable() : null;
        int n = source.infos.length;
        this.flat = new long[n];
        this.cum = new long[n];
        this.flatDiv = divisorIndex >= 0 ? new long[n] : null;
        this.cumDiv = divisorIndex >= 0 ? new long[n] : null;
        this.seenInSample = new int[n];
    }

    Graph build() {
        int[] path = source.path;
        int[] starts = source.starts;
        List<Sample> samples = source.profile.samples;
        for (int s = 0; s < samples.size(); s++) {
            long[] values = samples.get(s).values;
            long w = sampleIndex < values.length ? values[sampleIndex] : 0;
            long dw = divisorIndex >= 0 && divisorIndex < values.length ? values[divisorIndex] : 0;
            if (w == 0 && dw == 0) {
                continue;
            }
            int sampleNo = s + 1;
            int parent = -1;
            boolean residual = false; // the call to the next node skips trimmed ones
            for (int k = starts[s], end = starts[s + 1]; k < end; k++) {
                int id = path[k] >>> 1;
                if (kept != null && !kept[id]) {
                    residual = true;
                    continue;
                }
                if (seenInSample[id] != sampleNo) {
                    seenInSample[id] = sampleNo;
                    cum[id] += w;
                    if (cumDiv != null) {
                        cumDiv[id] += dw;
                    }
                }
                if (calls != null && parent >= 0 && id != parent) {
                    calls.add(parent, id, w, dw, sampleNo, residual, (path[k] & 1) != 0);
                }
                parent = id;
                residual = false;
            }
            if (parent >= 0 && !residual) {
                flat[parent] += w;
                if (flatDiv != null) {
                    flatDiv[parent] += dw;
                }
            }
        }
        return assemble();
    }

    private Graph assemble() {
        Node[] nodes = new Node[source.infos.length];
        List<Node> list = new ArrayList<>();
        for (int id = 0; id < nodes.length; id++) {
            if (flat[id] != 0 || cum[id] != 0) {
                list.add(node(nodes, id));
            }
        }
        if (calls != null) {
            // a call may touch a node whose values cancelled out (diffs); pprof keeps such calls too
            calls.forEach((from, to, weight, weightDiv, flags) -> {
                Edge e = new Edge(node(nodes, from), node(nodes, to), (flags & EdgeTable.INLINE) != 0,
                        (flags & EdgeTable.RESIDUAL) != 0);
                e.weight = weight;
                e.weightDiv = weightDiv;
                e.src.out.add(e);
                e.dest.in.add(e);
            });
        }
        return new Graph(list);
    }

    private Node node(Node[] nodes, int id) {
        Node n = nodes[id];
        if (n == null) {
            n = nodes[id] = new Node(source.infos[id]);
            n.flat = flat[id];
            n.cum = cum[id];
            if (flatDiv != null) {
                n.flatDiv = flatDiv[id];
                n.cumDiv = cumDiv[id];
            }
        }
        return n;
    }
}
