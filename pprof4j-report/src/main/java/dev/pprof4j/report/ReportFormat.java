package dev.pprof4j.report;

/** The reports go tool pprof can print, and those pprof4j adds; each named by its command ({@code -top}, {@code top}). */
public enum ReportFormat {
    /** {@code -top}/{@code -text}: one row per node. */
    TOP("top"),
    /** {@code -traces}: every sample's stack. */
    TRACES("traces"),
    /** {@code -tree}: each node with its callers and callees. */
    TREE("tree"),
    /** {@code -peek RE}: the tree, only for nodes matching RE, untrimmed. */
    PEEK("peek"),
    /** {@code -list RE}: annotated source of the functions matching RE. */
    LIST("list"),
    /** {@code -weblist RE}: that annotated source as an HTML page, lines expanding to their calls. */
    WEBLIST("weblist"),
    /** {@code -tags}: every label key with its values' totals. */
    TAGS("tags"),
    /** {@code -comments}: the profile's comments, one a line. */
    COMMENTS("comments"),
    /** {@code -raw}: the profile's text dump. */
    RAW("raw"),
    /** {@code -callgrind}: the call graph in Valgrind's callgrind format (KCachegrind, callgrind_annotate). */
    CALLGRIND("callgrind"),
    /** {@code -proto}: the (merged, filtered) profile, gzipped protobuf. */
    PROTO("proto"),
    /** {@code -topproto}: {@code -top}'s rows as a gzipped protobuf profile (cum and flat per row). */
    TOPPROTO("topproto"),
    /** {@code -dot}: the call graph in Graphviz's language (module report.web). */
    DOT("dot"),
    /** {@code -svg}: the call graph as SVG (module report.web). */
    SVG("svg"),
    /** {@code -png}: the call graph drawn by Graphviz as PNG. */
    PNG("png"),
    /** {@code -pdf}: the call graph drawn by Graphviz as PDF. */
    PDF("pdf"),
    /** {@code -gif}: the call graph drawn by Graphviz as GIF. */
    GIF("gif"),
    /** {@code -ps}: the call graph drawn by Graphviz as PostScript. */
    PS("ps"),
    /** {@code -flame}: a self-contained HTML flame graph (module report.flame). */
    FLAME("flame");

    /** The command line's flag and the shell's command. */
    public final String command;

    ReportFormat(String command) {
        this.command = command;
    }

    /** Whether the report is text (printed to stdout unless {@code -output} names a file). */
    public boolean isText() {
        return this == TOP || this == TRACES || this == TREE || this == PEEK || this == LIST || this == TAGS
                || this == COMMENTS || this == RAW || this == DOT || this == CALLGRIND;
    }

    /** The format of command {@code name} ({@code text} is {@code top}'s other name), or null. */
    public static ReportFormat byCommand(String name) {
        if (name.equals("text")) {
            return TOP;
        }
        for (ReportFormat f : values()) {
            if (f.command.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
