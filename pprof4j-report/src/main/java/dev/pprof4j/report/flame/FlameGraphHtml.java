package dev.pprof4j.report.flame;

import dev.pprof4j.report.PageResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * A self-contained interactive flame graph page: the frame tree as compact JSON, the script
 * and the style sheet inlined, nothing fetched from the network. Zoom on click, regex search
 * with the matched share, reset, tooltips, flame/icicle, a sample-type switch and, for a
 * tree with a base, red/blue difference colouring.
 */
public final class FlameGraphHtml {
    /**
     * Call paths below this share of the total are left out of the page (see
     * {@link FrameTree#of(dev.pprof4j.profile.Profile, dev.pprof4j.profile.Profile, double)}):
     * it keeps a million-sample profile's page to a few megabytes.
     */
    public static final double MIN_FRACTION = 0.00001;

    /**
     * A page draws at most this many frames: past it the cut is raised (doubled until the
     * tree fits), which bounds the page's data at about 16 bytes a frame plus the distinct
     * names, whatever the profile. At {@link #MIN_FRACTION} a million-sample profile of
     * mostly distinct stacks keeps about 90 000.
     */
    public static final int MAX_FRAMES = 200_000;

    /** The tree a page draws: {@link #MIN_FRACTION} cut, raised until at most {@link #MAX_FRAMES} remain. */
    public static FrameTree tree(dev.pprof4j.profile.Profile profile, dev.pprof4j.profile.Profile base) {
        return FrameTree.bounded(profile, base, MIN_FRACTION, MAX_FRAMES);
    }

    private static final String TEMPLATE = PageResources.text(FlameGraphHtml.class, "flame.html");
    private static final String SCRIPT = PageResources.text(FlameGraphHtml.class, "flame.js");
    private static final String STYLE = PageResources.text(FlameGraphHtml.class, "flame.css");

    private FlameGraphHtml() {
    }

    /** The page's script, for pages of the web UI that embed the graph themselves. */
    public static String script() {
        return SCRIPT;
    }

    public static String style() {
        return STYLE;
    }

    /**
     * Writes the page.
     *
     * @param header HTML put above the graph (the web UI's navigation), "" for none; it is
     *     written as is, so it must be trusted markup
     */
    public static void write(FrameTree tree, String title, List<String> notes, int sampleIndex, String header,
            Writer out) {
        try {
            int at = 0;
            while (true) {
                int open = TEMPLATE.indexOf("{{", at);
                if (open < 0) {
                    out.write(TEMPLATE, at, TEMPLATE.length() - at);
                    break;
                }
                int close = TEMPLATE.indexOf("}}", open);
                out.write(TEMPLATE, at, open - at);
                switch (TEMPLATE.substring(open + 2, close)) {
                    case "TITLE" -> out.write(escapeHtml(title));
                    case "CSS" -> out.write(STYLE);
                    case "JS" -> out.write(SCRIPT);
                    case "HEADER" -> out.write(header);
                    case "DATA" -> FlameGraphJson.write(tree, title, withPruneNote(tree, notes), sampleIndex, out);
                    default -> throw new IllegalStateException("unknown placeholder at " + open + " of flame.html");
                }
                at = close + 2;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing flame graph page", e);
        }
    }

    private static List<String> withPruneNote(FrameTree tree, List<String> notes) {
        if (tree.prunedPaths() == 0) {
            return notes;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(tree.prunedPaths() + " call paths under " + (float) (tree.minFraction() * 100)
                + "% of the total are left out; their values count in their callers' cum and flat");
        return all;
    }

    public static String escapeHtml(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
