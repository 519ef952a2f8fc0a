package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The call graph, drawn by Graphviz {@code dot} into SVG. Without dot the page says so and
 * shows the DOT text, which any Graphviz can draw elsewhere.
 */
final class GraphView {
    static final int DEFAULT_NODES = 80;
    static final int MAX_NODES = 300;
    /** dot on a few hundred nodes takes well under a second; past this something is wrong. */
    static final long DOT_TIMEOUT_SECONDS = 20;
    static final int MAX_SVG_BYTES = 32 << 20;

    private GraphView() {
    }

    static String render(WebUi ui, ViewParams params) {
        Prepared prepared = Prepared.of(ui, params);
        int nodeCount = DEFAULT_NODES;
        if (!params.get("nodecount").isEmpty()) {
            try {
                nodeCount = Math.max(1, Math.min(MAX_NODES, Integer.parseInt(params.get("nodecount"))));
            } catch (NumberFormatException e) {
                throw new ViewParams.BadRequest("nodecount must be a number, got " + params.get("nodecount"));
            }
        }
        String dot = DotGraph.of(prepared.report(), nodeCount, params);
        StringBuilder sb = new StringBuilder(dot.length() * 4);
        try {
            String svg = runDot(ui.dotCommand(), dot);
            int start = svg.indexOf("<svg");
            sb.append("<div class=\"graph\" id=\"graph\">").append(start >= 0 ? svg.substring(start) : svg).append("</div>\n");
        } catch (DotMissing e) {
            sb.append("<p class=\"notice\" id=\"dot-missing\">Graphviz <code>dot</code> is not installed here (")
                    .append(escapeHtml(e.getMessage()))
                    .append("), so the call graph cannot be drawn. Install it (apt-get install graphviz, brew install graphviz)"
                            + " and reload; meanwhile, here is the graph in DOT:</p>\n<pre id=\"dot-source\">")
                    .append(escapeHtml(dot)).append("</pre>\n");
        } catch (IOException e) {
            sb.append("<p class=\"error\" id=\"error\">").append(escapeHtml(e.getMessage())).append("</p>\n");
        }
        return PageLayout.page(View.GRAPH, params, prepared.snapshot(), sb.toString());
    }

    /** Graphviz could not be started. */
    static final class DotMissing extends IOException {
        DotMissing(String message) {
            super(message);
        }
    }

    static String runDot(String command, String dot) throws IOException {
        return new String(runDot(command, dot, "svg"), StandardCharsets.UTF_8);
    }

    /** What Graphviz draws of {@code dot} in {@code format} (svg, png, pdf). */
    static byte[] runDot(String command, String dot, String format) throws IOException {
        // Output goes to a file so a hung dot cannot block a read: the wait below is the bound.
        Path svgFile = Files.createTempFile("pprof4j-graph", "." + format);
        Process process;
        try {
            process = new ProcessBuilder(command, "-T" + format).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(svgFile.toFile()).start();
        } catch (IOException e) {
            Files.deleteIfExists(svgFile);
            throw new DotMissing(command + ": " + e.getMessage());
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // dot exited early; its exit code tells
            }
            if (!process.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("dot did not finish within " + DOT_TIMEOUT_SECONDS + " s; show fewer nodes (nodecount=)");
            }
            if (process.exitValue() != 0) {
                throw new IOException("dot exited with " + process.exitValue() + " on the call graph");
            }
            if (Files.size(svgFile) > MAX_SVG_BYTES) {
                throw new IOException("dot wrote more than " + MAX_SVG_BYTES + " bytes of " + format + "; show fewer nodes");
            }
            return Files.readAllBytes(svgFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for dot", e);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(svgFile);
        }
    }
}
