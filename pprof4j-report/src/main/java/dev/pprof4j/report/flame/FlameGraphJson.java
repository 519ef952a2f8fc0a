package dev.pprof4j.report.flame;

import dev.pprof4j.protocol.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a {@link FrameTree} as the compact JSON the flame graph page reads. The tree is
 * already merged (one node per call path); on top of that the encoding keeps each node to a
 * few characters:
 * <ul>
 * <li>frame names once, in a string table, nodes refer to them by index;</li>
 * <li>the depth as {@code up = previous depth + 1 - depth}, which is 0 for a first child
 *     and small otherwise;</li>
 * <li>values divided by the greatest common divisor of their sample type ({@code scale}),
 *     which turns a CPU profile's nanoseconds back into sample counts.</li>
 * </ul>
 * The page rebuilds depths, subtree ends and x positions in typed arrays in one pass.
 */
public final class FlameGraphJson {
    private FlameGraphJson() {
    }

    /**
     * @param title shown above the graph
     * @param notes extra lines (profile comments, the sources' names)
     * @param sampleIndex the sample type shown first
     */
    public static void write(FrameTree tree, String title, List<String> notes, int sampleIndex, Writer out) {
        try {
            StringBuilder sb = new StringBuilder(1 << 16);
            sb.append("{\"title\":");
            string(sb, title);
            sb.append(",\"notes\":[");
            for (int i = 0; i < notes.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(sb, notes.get(i));
            }
            sb.append("],\"index\":").append(sampleIndex);
            sb.append(",\"diff\":").append(tree.hasBase());
            long[] scales = new long[tree.sampleTypes().size()];
            sb.append(",\"types\":[");
            for (int c = 0; c < scales.length; c++) {
                scales[c] = scale(tree, c);
                if (c > 0) {
                    sb.append(',');
                }
                sb.append("{\"type\":");
                string(sb, tree.sampleTypes().get(c).type());
                sb.append(",\"unit\":");
                string(sb, tree.sampleTypes().get(c).unit());
                sb.append(",\"scale\":").append(scales[c]).append('}');
            }
            sb.append("],\n\"names\":[");
            for (int i = 0; i < tree.names().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(sb, tree.names().get(i));
                sb = flushIfLarge(sb, out);
            }
            sb.append("],\n\"name\":[");
            for (int node = 0; node < tree.size(); node++) {
                if (node > 0) {
                    sb.append(',');
                }
                sb.append(tree.nameId(node));
                sb = flushIfLarge(sb, out);
            }
            sb.append("],\n\"up\":[");
            for (int node = 0; node < tree.size(); node++) {
                if (node > 0) {
                    sb.append(',').append(tree.depth(node - 1) + 1 - tree.depth(node));
                } else {
                    sb.append(0);
                }
                sb = flushIfLarge(sb, out);
            }
            sb.append("],\n\"values\":[");
            sb = columns(tree, scales, false, sb, out);
            sb.append(']');
            if (tree.hasBase()) {
                sb.append(",\n\"base\":[");
                sb = columns(tree, scales, true, sb, out);
                sb.append(']');
            }
            sb.append("}");
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException("writing flame graph data", e);
        }
    }

    private static StringBuilder columns(FrameTree tree, long[] scales, boolean base, StringBuilder sb, Writer out)
            throws IOException {
        for (int c = 0; c < scales.length; c++) {
            sb.append(c > 0 ? ",\n[" : "[");
            for (int node = 0; node < tree.size(); node++) {
                if (node > 0) {
                    sb.append(',');
                }
                sb.append((base ? tree.baseValue(c, node) : tree.value(c, node)) / scales[c]);
                sb = flushIfLarge(sb, out);
            }
            sb.append(']');
        }
        return sb;
    }

    private static StringBuilder flushIfLarge(StringBuilder sb, Writer out) throws IOException {
        if (sb.length() > 1 << 16) {
            out.append(sb);
            sb.setLength(0);
        }
        return sb;
    }

    /** The greatest common divisor of every value (and base value) of column {@code c}; 1 when all are 0. */
    static long scale(FrameTree tree, int c) {
        long gcd = 0;
        for (int node = 0; node < tree.size() && gcd != 1; node++) {
            gcd = gcd(gcd, Math.abs(tree.value(c, node)));
            gcd = gcd(gcd, Math.abs(tree.baseValue(c, node)));
        }
        return gcd == 0 ? 1 : gcd;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** A JSON string safe inside the page's {@code <script>} element. */
    static void string(StringBuilder sb, String s) {
        JsonWriter.quote(sb, s, true);
    }
}
