package dev.pprof4j.report.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One row of a report: a function (or line, or file) with its flat and cumulative value. */
public final class Node {
    public final NodeInfo info;
    /** Value of the samples whose leaf is this node. */
    public long flat;
    /** Value of the samples this node appears in, each sample counted once. */
    public long cum;
    /** Callers (key: the calling node) and callees (key: the called node). */
    final Map<Node, Edge> in = new HashMap<>(4);
    final Map<Node, Edge> out = new HashMap<>(4);
    /** The last sample that added to {@link #cum}, so recursion is counted once. */
    int seenInSample = -1;
    private String printableName;

    Node(NodeInfo info) {
        this.info = info;
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
        return Edge.sorted(in.values());
    }

    /** Calls out of this node, heaviest first. */
    public List<Edge> callees() {
        return Edge.sorted(out.values());
    }

    /** Whether any surviving call into this node was inlined, and whether any was not. */
    public String inlineLabel() {
        boolean inline = false;
        boolean notInline = false;
        for (Edge e : in.values()) {
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
        return new ArrayList<>(in.values());
    }

    @Override
    public String toString() {
        return name() + "[flat=" + flat + " cum=" + cum + "]";
    }
}
