package dev.pprof4j.report.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A context-sensitive call tree ({@code -call_tree}, pprof's {@code newTree}): a node per
 * path from a root, so a function reached through two callers is two nodes, each with the
 * samples of its own path. Every node has at most one caller, which is why it can be trimmed
 * in place ({@link #trim}) where a graph must be rebuilt from the samples.
 */
public final class CallTree {
    /** The tree's nodes with a non-zero value (the others are not drawn, as in pprof). */
    public final Graph graph;
    /** For each entry of the source's paths, the tree node it went to; -1 for samples without value. */
    private final int[] treePath;
    private final List<Node> byIndex;
    private final GraphSource source;

    private CallTree(Graph graph, int[] treePath, List<Node> byIndex, GraphSource source) {
        this.graph = graph;
        this.treePath = treePath;
        this.byIndex = byIndex;
        this.source = source;
    }

    /**
     * The tree of the values at {@code sampleIndex}, with {@code -mean}'s divisor at
     * {@code divisorIndex} (-1: none). Unlike a graph, a recursive stack is a chain of
     * distinct nodes, so nothing is counted once per sample here: each node is on a path once.
     */
    public static CallTree of(GraphSource source, int sampleIndex, int divisorIndex, boolean dropNegative) {
        int[] path = source.path;
        int[] starts = source.starts;
        int[] treePath = new int[path.length];
        Arrays.fill(treePath, -1);
        Map<Long, Integer> children = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (int s = 0; s < source.profile.samples.size(); s++) {
            long[] values = source.profile.samples.get(s).values;
            long w = sampleIndex < values.length ? values[sampleIndex] : 0;
            long dw = divisorIndex >= 0 && divisorIndex < values.length ? values[divisorIndex] : 0;
            if (w == 0 && dw == 0) {
                continue;
            }
            int parent = -1;
            for (int k = starts[s], end = starts[s + 1]; k < end; k++) {
                int info = path[k] >>> 1;
                long key = (long) (parent + 1) << 32 | info;
                Integer index = children.get(key);
                if (index == null) {
                    index = nodes.size();
                    children.put(key, index);
                    Node made = new Node(source.infos[info]);
                    made.treeParent = parent >= 0 ? nodes.get(parent) : null;
                    nodes.add(made);
                }
                Node n = nodes.get(index);
                n.cum += w;
                n.cumDiv += dw;
                if (parent >= 0) {
                    boolean inline = (path[k] & 1) != 0;
                    Edge call;
                    if (n.in.isEmpty()) {
                        call = new Edge(nodes.get(parent), n, inline, false);
                        n.in.add(call);
                        call.src.out.add(call);
                    } else {
                        call = n.in.get(0);
                        call.inline &= inline;
                    }
                    call.weight += w;
                    call.weightDiv += dw;
                }
                treePath[k] = index;
                parent = index;
            }
            if (parent >= 0) {
                Node leaf = nodes.get(parent);
                leaf.flat += w;
                leaf.flatDiv += dw;
            }
        }
        Graph g = new Graph(Graph.nonZero(nodes)).withoutNegative(dropNegative);
        return new CallTree(g, treePath, nodes, source);
    }

    /** The tree nodes of the {@code sample}-th sample, from the root to the leaf; empty for a sample without value. */
    public List<Node> nodesOf(int sample) {
        List<Node> nodes = new ArrayList<>(source.starts[sample + 1] - source.starts[sample]);
        for (int k = source.starts[sample]; k < source.starts[sample + 1]; k++) {
            if (treePath[k] >= 0) {
                nodes.add(byIndex.get(treePath[k]));
            }
        }
        return nodes;
    }

    /**
     * Keeps only the nodes in {@code kept} (pprof's {@code TrimTree}): a dropped node's callees
     * are called by its caller instead, through a residual call that keeps the callee's weight
     * and is inline only if both calls were; the callees of a dropped root become roots.
     */
    public static void trim(Graph g, Set<Node> kept) {
        List<Node> old = new ArrayList<>(g.nodes);
        g.nodes.clear();
        for (Node cur : old) {
            if (kept.contains(cur)) {
                g.nodes.add(cur);
                continue;
            }
            if (cur.in.isEmpty()) {
                for (Edge out : cur.out) {
                    out.dest.in.remove(out);
                }
                continue;
            }
            Edge up = cur.in.get(0);
            Node parent = up.src;
            parent.out.remove(up);
            for (Edge out : cur.out) {
                Edge skip = new Edge(parent, out.dest, up.inline && out.inline, true);
                skip.weight = out.weight;
                skip.weightDiv = out.weightDiv;
                out.dest.in.set(out.dest.in.indexOf(out), skip);
                parent.out.add(skip);
            }
        }
    }

    /** A set of nodes by identity: tree nodes with the same info are distinct. */
    public static Set<Node> identitySet(List<Node> nodes) {
        Set<Node> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(nodes);
        return set;
    }
}
