package dev.pprof4j.protocol;

/**
 * The agent's history text ({@code /debug/pprof/history}): what its first line says, so that the
 * runtime, which writes it, and the leak hunt, which reads it, agree on the format and version.
 * The rows after it are tab-separated records whose first field names their kind.
 */
public final class HistoryFormat {
    /** The first line: the format's name and version; a reader refuses any other. */
    public static final String HEADER = "pprof4j-history 1";

    private HistoryFormat() {
    }

    /** True when {@code firstLine} is this format's header. */
    public static boolean isHeader(String firstLine) {
        return HEADER.equals(firstLine);
    }

    /** Why a text that does not start with the header is refused, in one line. */
    public static String notAHistory() {
        return "not a pprof4j history (the first line is not \"" + HEADER + "\")";
    }
}
