package dev.pprof4j.report;

/** The reports go tool pprof can print, and those pprof4j adds. */
public enum ReportFormat {
    /** {@code -top}/{@code -text}: one row per node. */
    TOP,
    /** {@code -traces}: every sample's stack. */
    TRACES,
    /** {@code -tree}: each node with its callers and callees. */
    TREE,
    /** {@code -peek RE}: the tree, only for nodes matching RE, untrimmed. */
    PEEK,
    /** {@code -raw}: the profile's text dump. */
    RAW,
    /** {@code -proto}: the (merged, filtered) profile, gzipped protobuf. */
    PROTO,
    /** {@code -flame}: a self-contained HTML flame graph (module report.flame). */
    FLAME,
    /** {@code -svg}: the call graph as SVG (module report.web). */
    SVG;

    /** Whether the report is text (printed to stdout unless {@code -output} names a file). */
    public boolean isText() {
        return this != PROTO && this != FLAME && this != SVG;
    }
}
