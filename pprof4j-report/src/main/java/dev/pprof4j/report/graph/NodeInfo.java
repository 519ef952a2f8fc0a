package dev.pprof4j.report.graph;

/**
 * What makes a report row (a node) distinct: pprof's {@code graph.NodeInfo}. Which fields
 * are filled depends on the granularity the profile was aggregated to: function names only
 * by default, names plus file and line for {@code -lines}, files for {@code -files}.
 */
public record NodeInfo(String name, String origName, long address, String file, long startLine,
        long lineno, String objfile) {

    /** The row's label: address, name and file:line where known, or the binary's name. */
    public String printableName() {
        StringBuilder sb = new StringBuilder();
        if (address != 0) {
            sb.append(String.format("%016x", address));
        }
        if (!name.isEmpty()) {
            space(sb).append(name);
        }
        if (lineno != 0) {
            space(sb).append(file).append(':').append(lineno);
        } else if (!file.isEmpty()) {
            space(sb).append(file);
        } else if (!name.isEmpty()) {
            // the name says it all
        } else if (!objfile.isEmpty()) {
            space(sb).append('[').append(GoPath.base(objfile)).append(']');
        } else {
            space(sb).append("<unknown>");
        }
        return sb.toString();
    }

    /**
     * Go's {@code fmt.Sprint(info)}: the last tie-breaker when sorting rows, so that equal
     * values and names order the same way pprof orders them.
     */
    public String goString() {
        return "{" + name + " " + origName + " " + Long.toUnsignedString(address) + " " + file + " "
                + startLine + " " + lineno + " " + objfile + "}";
    }

    /** Go's {@code filepath.Clean}, which pprof applies to source file names; "" stays "". */
    public static String cleanPath(String path) {
        return path.isEmpty() ? "" : GoPath.clean(path);
    }

    private static StringBuilder space(StringBuilder sb) {
        return sb.length() > 0 ? sb.append(' ') : sb;
    }
}
