package dev.pprof4j.report.flame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * A static SVG flame graph (root at the bottom) for documents and issue trackers, where a
 * script would not run. Each frame carries a {@code <title>} so viewers show its values on
 * hover; frames narrower than {@link #MIN_WIDTH} pixels are left out, with everything they
 * call, which bounds the file's size whatever the profile's.
 */
public final class FlameGraphSvg {
    static final double WIDTH = 1200;
    static final double MIN_WIDTH = 0.1;
    private static final int ROW = 16;
    private static final int TOP = 40;

    private FlameGraphSvg() {
    }

    public static void write(FrameTree tree, String title, int column, Writer out) {
        try {
            long total = tree.value(column, 0);
            double scale = total > 0 ? (WIDTH - 20) / total : 0;
            int maxDepth = 0;
            for (int i = 0; i < tree.size(); i++) {
                if (tree.value(column, i) * scale >= MIN_WIDTH) {
                    maxDepth = Math.max(maxDepth, tree.depth(i));
                }
            }
            int height = TOP + (maxDepth + 1) * ROW + 10;
            StringBuilder sb = new StringBuilder(1 << 16);
            sb.append("<?xml version=\"1.0\" standalone=\"no\"?>\n")
                    .append("<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append((int) WIDTH)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append((int) WIDTH).append(' ')
                    .append(height).append("\" font-family=\"monospace\" font-size=\"11\">\n")
                    .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
                    .append("<text x=\"").append((int) (WIDTH / 2)).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">")
                    .append(FlameGraphHtml.escapeHtml(title)).append("</text>\n");
            double[] cursor = new double[maxDepth + 2];
            cursor[0] = 10;
            for (int i = 0; i < tree.size(); ) {
                int d = tree.depth(i);
                double w = tree.value(column, i) * scale;
                double x = cursor[d];
                cursor[d] += w;
                if (w < MIN_WIDTH) {
                    i = skipSubtree(tree, i);
                    continue;
                }
                cursor[d + 1] = x;
                double y = TOP + (maxDepth - d) * ROW;
                String name = tree.name(i);
                sb.append("<g><title>").append(FlameGraphHtml.escapeHtml(describe(tree, column, i, total)))
                        .append("</title><rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                        .append("\" width=\"").append(fmt(Math.max(w - 0.3, 0.1))).append("\" height=\"").append(ROW - 1)
                        .append("\" fill=\"").append(colour(tree, column, i, name)).append("\"/>");
                int fit = (int) ((w - 4) / 6.6);
                if (fit >= 3) {
                    String label = name.length() > fit ? name.substring(0, fit - 2) + ".." : name;
                    sb.append("<text x=\"").append(fmt(x + 2)).append("\" y=\"").append(fmt(y + 11.5)).append("\">")
                            .append(FlameGraphHtml.escapeHtml(label)).append("</text>");
                }
                sb.append("</g>\n");
                if (sb.length() > 1 << 16) {
                    out.append(sb);
                    sb.setLength(0);
                }
                i++;
            }
            sb.append("</svg>\n");
            out.append(sb);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing flame graph SVG", e);
        }
    }

    private static int skipSubtree(FrameTree tree, int node) {
        int d = tree.depth(node);
        int i = node + 1;
        while (i < tree.size() && tree.depth(i) > d) {
            i++;
        }
        return i;
    }

    private static String describe(FrameTree tree, int column, int node, long total) {
        long cum = tree.value(column, node);
        long flat = tree.flatValue(column, node);
        String unit = tree.sampleTypes().get(column).unit();
        String text = String.format(Locale.ROOT, "%s\ncum %d %s (%.2f%%), flat %d %s (%.2f%%)", tree.name(node),
                cum, unit, percent(cum, total), flat, unit, percent(flat, total));
        if (tree.hasBase()) {
            long base = tree.baseValue(column, node);
            text += String.format(Locale.ROOT, "\nbase cum %d %s, delta %+d %s", base, unit, cum - base, unit);
        }
        return text;
    }

    private static double percent(long part, long total) {
        return total == 0 ? 0 : 100.0 * part / total;
    }

    private static String colour(FrameTree tree, int column, int node, String name) {
        if (tree.hasBase()) {
            long a = tree.value(column, node);
            long b = tree.baseValue(column, node);
            long m = Math.max(Math.abs(a), Math.abs(b));
            double rel = m == 0 ? 0 : (double) (a - b) / m;
            if (Math.abs(rel) < 0.02) {
                return "rgb(225,225,225)";
            }
            int c = (int) Math.round(235 - 200 * Math.min(1, Math.abs(rel)));
            return rel > 0 ? "rgb(255," + c + "," + c + ")" : "rgb(" + c + "," + c + ",255)";
        }
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            h = h * 31 + name.charAt(i);
        }
        long u = h & 0xffffffffL;
        return "rgb(" + (205 + u % 50) + "," + (60 + (u >>> 8) % 170) + "," + ((u >>> 16) % 55) + ")";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
