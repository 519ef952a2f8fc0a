package dev.pprof4j.report.graph;

import dev.pprof4j.profile.Profile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A profile summarized into nodes and the calls between them: pprof's {@code graph.Graph},
 * the common ground of {@code -top}, {@code -tree} and {@code -peek}.
 */
public final class Graph {
    public final List<Node> nodes;

    Graph(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Builds the graph of {@code profile}'s values at {@code sampleIndex}; when {@code kept}
     * is not null, only nodes with those infos take part and calls skip the others.
     */
    public static Graph build(Profile profile, int sampleIndex, Set<NodeInfo> kept) {
        return GraphSource.of(profile).build(sampleIndex, kept, true);
    }

    /**
     * {@code -drop_negative}: without the nodes whose flat value, or cum value when flat is
     * zero, is negative (pprof's isNegative); calls into them stay, as in pprof.
     */
    public Graph withoutNegative(boolean drop) {
        if (drop) {
            nodes.removeIf(n -> n.flat < 0 || (n.flat == 0 && n.cum < 0));
        }
        return this;
    }

    /** The sum of the flat values, pprof's total for trimming. */
    public long flatSum() {
        long sum = 0;
        for (Node n : nodes) {
            sum += n.flat;
        }
        return sum;
    }

    /** The infos of nodes whose |cum| reaches {@code cutoff}. */
    public Set<NodeInfo> nodesAtLeast(long cutoff) {
        Set<NodeInfo> kept = new java.util.HashSet<>();
        for (Node n : nodes) {
            if (Math.abs(n.cum) >= cutoff) {
                kept.add(n.info);
            }
        }
        return kept;
    }

    /** The infos of the first {@code count} nodes in the current order. */
    public Set<NodeInfo> topNodes(int count) {
        Set<NodeInfo> kept = new java.util.HashSet<>();
        for (Node n : nodes.subList(0, Math.min(count, nodes.size()))) {
            kept.add(n.info);
        }
        return kept;
    }

    /** Sorts by |flat| (or |cum| when {@code cum}), then name, then the other value. */
    public void sort(boolean cum) {
        Comparator<Node> order = cum ? CUM_NAME_ORDER : FLAT_NAME_ORDER;
        nodes.sort(order);
    }

    /** Removes calls into this graph's nodes lighter than {@code cutoff}; returns how many went. */
    public int trimLowFrequencyEdges(long cutoff) {
        int dropped = 0;
        Set<Node> callers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : nodes) {
            int before = n.in.size();
            n.in.removeIf(e -> {
                if (Math.abs(e.weight) < cutoff) {
                    callers.add(e.src);
                    return true;
                }
                return false;
            });
            dropped += before - n.in.size();
        }
        // a caller keeps its calls into nodes outside this graph, as pprof's do
        Set<Node> inGraph = Collections.newSetFromMap(new IdentityHashMap<>());
        inGraph.addAll(nodes);
        for (Node src : callers) {
            src.out.removeIf(e -> Math.abs(e.weight) < cutoff && inGraph.contains(e.dest));
        }
        return dropped;
    }

    private static int byAbsDescending(long a, long b) {
        return Long.compare(Math.abs(b), Math.abs(a));
    }

    /** pprof's FlatNameOrder. */
    static final Comparator<Node> FLAT_NAME_ORDER = (l, r) -> {
        if (Math.abs(l.flat) != Math.abs(r.flat)) {
            return byAbsDescending(l.flat, r.flat);
        }
        int c = l.name().compareTo(r.name());
        if (c != 0) {
            return c;
        }
        if (Math.abs(l.cum) != Math.abs(r.cum)) {
            return byAbsDescending(l.cum, r.cum);
        }
        return l.info.goString().compareTo(r.info.goString());
    };

    /** pprof's CumNameOrder. */
    static final Comparator<Node> CUM_NAME_ORDER = (l, r) -> {
        if (Math.abs(l.cum) != Math.abs(r.cum)) {
            return byAbsDescending(l.cum, r.cum);
        }
        int c = l.name().compareTo(r.name());
        if (c != 0) {
            return c;
        }
        if (Math.abs(l.flat) != Math.abs(r.flat)) {
            return byAbsDescending(l.flat, r.flat);
        }
        return l.info.goString().compareTo(r.info.goString());
    };

    static List<Node> nonZero(Collection<Node> all) {
        List<Node> list = new ArrayList<>(all.size());
        for (Node n : all) {
            if (n.cum != 0 || n.flat != 0) {
                list.add(n);
            }
        }
        return list;
    }
}
