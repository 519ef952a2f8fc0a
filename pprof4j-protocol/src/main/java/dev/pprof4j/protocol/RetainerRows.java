package dev.pprof4j.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain rows of {@code /debug/pprof/heap/retainers}: objects (or samples), bytes (or their
 * estimate), and the chain of references from a GC root to the objects, links joined by
 * {@value #LINK}:
 * <pre>
 *      objects          bytes  chain from a GC root
 *         6231         368848  static com.example.Cache.ENTRIES -&gt; java.util.HashMap.table -&gt; byte[]
 * </pre>
 * A chain deeper than the walk reports starts with {@code ...}.
 */
public final class RetainerRows {
    /** Between two links of a chain. */
    public static final String LINK = " -> ";
    /**
     * A row, anywhere in a text ({@code find()} on the whole answer) or as a line ({@code matches()}):
     * objects, bytes, chain.
     */
    public static final Pattern ROW = Pattern.compile("(?m)^\\s*(\\d+)\\s+(\\d+)\\s+(\\S.*)$");

    /** One row, read back. */
    public record Row(long objects, long bytes, List<String> chain) {
        public Row {
            chain = List.copyOf(chain);
        }
    }

    private RetainerRows() {
    }

    /** The column heads; {@code bySite} when the rows count samples of an allocation site. */
    public static String header(boolean bySite) {
        return String.format("%12s %14s  %s%n", bySite ? "samples" : "objects", bySite ? "est. bytes" : "bytes",
                "chain from a GC root");
    }

    /** One row, with its line end. */
    public static String row(long objects, long bytes, List<String> chain) {
        return String.format("%12d %14d  %s%n", objects, bytes, String.join(LINK, chain));
    }

    /** The row {@code line} holds, if it is one. */
    public static Optional<Row> parse(String line) {
        Matcher m = ROW.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> links = Arrays.stream(m.group(3).strip().split(Pattern.quote(LINK)))
                .map(String::strip).toList();
        return Optional.of(new Row(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), links));
    }

    /** Whether {@code text} holds at least one row. */
    public static boolean hasRow(String text) {
        return ROW.matcher(text).find();
    }
}
