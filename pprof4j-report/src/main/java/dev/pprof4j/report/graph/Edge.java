package dev.pprof4j.report.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** A call from {@link #src} to {@link #dest}, weighted by the samples that pass through it. */
public final class Edge {
    public final Node src;
    public final Node dest;
    public long weight;
    /** {@code -mean}: the sum of the counts behind {@link #weight}; 0 without. */
    public long weightDiv;
    /** True while every sample saw this call inlined into its caller. */
    public boolean inline;
    /** The call skips nodes that were trimmed from the report. */
    public boolean residual;

    Edge(Node src, Node dest, boolean inline, boolean residual) {
        this.src = src;
        this.dest = dest;
        this.inline = inline;
        this.residual = residual;
    }

    /** The weight a report prints: {@link #weight}, or with {@code -mean} its mean per count (pprof's WeightValue). */
    public long weightValue() {
        return weightDiv == 0 ? weight : weight / weightDiv;
    }

    /** pprof's edge order: heavier first, then by caller name, then by callee name. */
    static final Comparator<Edge> ORDER = (a, b) -> {
        if (a.weight != b.weight) {
            return Long.compare(Math.abs(b.weight), Math.abs(a.weight));
        }
        int c = a.src.name().compareTo(b.src.name());
        return c != 0 ? c : a.dest.name().compareTo(b.dest.name());
    };

    static List<Edge> sorted(Collection<Edge> edges) {
        List<Edge> list = new ArrayList<>(edges);
        list.sort(ORDER);
        return list;
    }
}
