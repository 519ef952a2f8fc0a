package dev.pprof4j.report.graph;

import java.util.ArrayList;
import java.util.List;

/** One row of a report: a function (or line, or file) with its flat and cumulative value. */
public final class Node {
    public final NodeInfo info;
    /** Value of the samples whose leaf is this node. */
    public long flat;
    /** Value of the samples this node appears in, each sample counted once. */
    public long cum;
    /** {@code -mean}: the sums of the samples' counts behind {@link #flat} and {@link #cum}; 0 without. */
    public long flatDiv;
    public long cumDiv;
    /** Calls into this node and out of it; one edge per pair of nodes (GraphBuilder). */
    final List<Edge> in = new ArrayList<>(2);
    final List<Edge> out = new ArrayList<>(2);
    private String printableName;
    /** In a {@link CallTree}, the node this one was made under (null for a root, and in a graph). */
    Node treeParent;

    Node(NodeInfo info) {
        this.info = info;
    }

    /**
     * The flat value a report prints: {@link #flat}, or with {@code -mean} its mean per count.
     * As go tool pprof's, trimming and order go by the sums, printing by the means.
     */
    public long flatValue() {
        return flatDiv == 0 ? flat : flat / flatDiv;
    }

    /** The cum value a report prints, as {@link #flatValue()}. */
    public long cumValue() {
        return cumDiv == 0 ? cum : cum / cumDiv;
    }

    /**
     * In a call tree, the caller this node was made under, which with the function tells the
     * node's context apart (it stays when trimming skips the caller); null for a root and in a graph.
     */
    public Node treeCaller() {
        return treeParent;
    }

    /** The row's label, computed once. */
    public String name() {
        String n = printableName;
        if (n == null) {
            n = printableName = info.printableName();
        }
        return n;
    }

    /** Calls into this node, heaviest first (pprof's edge order). */
    public List<Edge> callers() {
        return Edge.sorted(in);
    }

    /** Calls out of this node, heaviest first. */
    public List<Edge> callees() {
        return Edge.sorted(out);
    }

    /** Whether any surviving call into this node was inlined, and whether any was not. */
    public String inlineLabel() {
        boolean inline = false;
        boolean notInline = false;
        for (Edge e : in) {
            if (e.inline) {
                inline = true;
            } else {
                notInline = true;
            }
        }
        if (!inline) {
            return "";
        }
        return notInline ? "(partial-inline)" : "(inline)";
    }

    List<Edge> inEdges() {
        return new ArrayList<>(in);
    }

    @Override
    public String toString() {
        return name() + "[flat=" + flat + " cum=" + cum + "]";
    }
}
