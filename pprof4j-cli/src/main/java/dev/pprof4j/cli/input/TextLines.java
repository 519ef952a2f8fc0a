package dev.pprof4j.cli.input;

/**
 * The lines of a text profile, one at a time, without their line ends: the legacy and dump
 * readers walk them as google/pprof's readers walk a {@code bufio.Scanner}. The text was read
 * whole under the input's byte limit, so every walk is linear in it.
 */
final class TextLines {
    private final String text;
    private int pos;
    private int number;
    private String current = "";

    TextLines(String text) {
        this.text = text;
    }

    /** Advances to the next line; false at the end, where {@link #line()} is "". */
    boolean next() {
        if (pos >= text.length()) {
            current = "";
            return false;
        }
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            end = text.length();
        }
        int cut = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
        current = text.substring(pos, cut);
        pos = end + 1;
        number++;
        return true;
    }

    /** The line {@link #next()} moved to. */
    String line() {
        return current;
    }

    /** Its 1-based number, for error messages. */
    int number() {
        return number;
    }

    /** What is left after the current line. */
    String rest() {
        return pos >= text.length() ? "" : text.substring(pos);
    }

    /** Blank, or a {@code #} comment: what pprof's legacy readers skip. */
    static boolean isSpaceOrComment(String line) {
        String t = line.strip();
        return t.isEmpty() || t.charAt(0) == '#';
    }

    /** pprof's memory map sentinels, after which a legacy profile lists the process's mappings. */
    static boolean isMemoryMapSentinel(String line) {
        return line.contains("--- Memory map: ---") || line.contains("MAPPED_LIBRARIES:");
    }
}
