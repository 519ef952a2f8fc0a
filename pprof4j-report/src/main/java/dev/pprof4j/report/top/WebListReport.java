package dev.pprof4j.report.top;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.PageResources;
import dev.pprof4j.report.graph.GoPath;
import dev.pprof4j.report.top.LineCallees.Callee;
import dev.pprof4j.report.top.SourceListing.Routine;
import dev.pprof4j.report.top.SourceListing.SourceLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code -weblist RE} and the web UI's source view: go tool pprof's annotated source as HTML.
 * Each function matching RE gets a block per file: its name, the file, its total, then each
 * line of the {@code -list} window with the same flat and cum values (both come from
 * {@link SourceListing}). Where go tool pprof expands a line with samples to its machine
 * instructions, a JVM profile has none: a line expands to the functions called from it
 * ({@link LineCallees}), each with its flat and cum. A file that is not found shows its lines
 * with samples as {@code ???}, as go tool pprof's page does, under -list's error.
 */
public final class WebListReport {
    /** What replaces the disassembly, said on the page. */
    public static final String NOTE = "A line with calls expands, on a click, to the functions called from it, each with"
            + " the flat and cum values that went through that call (inlined calls marked): a JVM profile holds no"
            + " machine code, so there is no disassembly to show as go tool pprof shows it.";
    public static final String STYLE = PageResources.text(WebListReport.class, "weblist.css");
    public static final String SCRIPT = PageResources.text(WebListReport.class, "weblist.js");

    private WebListReport() {
    }

    /** The whole {@code -weblist} page: sources found as {@code -list} finds them, every file. */
    public static void page(Report rpt, Pattern symbol, StringBuilder out) {
        StringBuilder body = new StringBuilder(16384);
        body(rpt, symbol, new SourceReader(rpt.config.sourcePath, rpt.config.trimPath), Integer.MAX_VALUE, body);
        out.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>Pprof listing</title>\n<style>")
                .append(STYLE).append("</style>\n</head>\n<body>\n<div class=\"legend\">");
        for (String label : rpt.profileLabels()) {
            out.append(escapeHtml(label)).append("<br>\n");
        }
        out.append("Total: ").append(escapeHtml(rpt.formatValue(rpt.total))).append("</div>\n");
        out.append(body);
        out.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    }

    /**
     * The listing's blocks, for a page of one's own: files in name order when {@code maxFiles}
     * takes them all (go tool pprof's {@code -weblist}), else the {@code maxFiles} files with
     * the most flat value (its web UI shows 50).
     *
     * @throws IllegalArgumentException when no function matches, in go tool pprof's words
     */
    public static void body(Report rpt, Pattern symbol, SourceLines sources, int maxFiles, StringBuilder out) {
        List<Routine> routines = SourceListing.of(rpt, symbol, sources);
        LineCallees callees = LineCallees.of(rpt, symbol);
        Map<String, List<Routine>> byFile = new LinkedHashMap<>();
        List<Routine> withoutFile = new ArrayList<>();
        for (Routine r : routines) {
            if (r.file().isEmpty()) {
                withoutFile.add(r);
            } else {
                byFile.computeIfAbsent(r.file(), k -> new ArrayList<>()).add(r);
            }
        }
        List<String> files = new ArrayList<>(byFile.keySet());
        if (maxFiles >= files.size()) {
            files.sort(Comparator.naturalOrder());
        } else {
            files.sort(Comparator.comparingLong((String f) -> -flat(byFile.get(f))).thenComparing(f -> f));
            files = files.subList(0, maxFiles);
        }
        out.append("<p class=\"weblist-note\">").append(escapeHtml(NOTE)).append("</p>\n");
        for (String file : files) {
            List<Routine> inFile = byFile.get(file);
            // in a file, functions in the order of their lines, as go tool pprof's page
            inFile.sort(Comparator.comparingLong(WebListReport::firstLine).thenComparing(Routine::function));
            for (Routine r : inFile) {
                routine(rpt, r, callees, sources.readFrom(r.file(), r.function()), out);
            }
        }
        for (Routine r : withoutFile) {
            out.append("<h2>").append(escapeHtml(r.function())).append("</h2><p class=\"filename\">No source information for ")
                    .append(escapeHtml(r.function())).append("</p>\n");
        }
    }

    private static void routine(Report rpt, Routine r, LineCallees callees, String readFrom, StringBuilder out) {
        out.append("<h2>").append(escapeHtml(r.function())).append("</h2><p class=\"filename\">")
                .append(escapeHtml(r.file()));
        if (readFrom != null && !readFrom.equals(r.file())) {
            out.append(" <span class=\"read-from\">(read from ").append(escapeHtml(readFrom)).append(")</span>");
        }
        out.append("</p>\n");
        if (r.error() != null) {
            out.append("<p class=\"source-error\">Error: ").append(escapeHtml(r.error())).append("</p>\n");
        }
        out.append("<pre class=\"weblist\">\n");
        out.append(String.format("  Total:  %10s %10s (flat, cum) %s%n", escapeHtml(rpt.formatValue(r.flat())),
                escapeHtml(rpt.formatValue(r.cum())), Measurement.percentage(r.cum(), rpt.total))
                .replace(System.lineSeparator(), "\n"));
        if (r.error() != null || r.lines().isEmpty()) {
            // as go tool pprof's page: without the file, only the lines with samples, their text "???"
            r.values().forEach((lineno, v) -> line(rpt, r, lineno, "???", v[0], v[1], callees, out));
        } else {
            for (SourceLine l : r.lines()) {
                line(rpt, r, l.lineno(), l.text(), l.flat(), l.cum(), callees, out);
            }
        }
        out.append("</pre>\n");
    }

    private static void line(Report rpt, Routine r, long lineno, String text, long flat, long cum, LineCallees callees,
            StringBuilder out) {
        List<Callee> calls = flat == 0 && cum == 0 ? List.of() : callees.at(r.function(), r.file(), lineno);
        out.append(String.format("<span class=\"line\"> %6d</span> <span class=\"%s\">  %10s %10s %8s  %s </span>", lineno,
                calls.isEmpty() ? (flat == 0 && cum == 0 ? "nop" : "deadsrc") : "livesrc",
                escapeHtml(ListReport.valueOrDot(flat, rpt)), escapeHtml(ListReport.valueOrDot(cum, rpt)), "",
                escapeHtml(text)));
        if (!calls.isEmpty()) {
            String indent = " ".repeat(indentation(text) + 4);
            out.append("<span class=\"asm\">");
            for (Callee c : calls) {
                String name = indent + c.function() + (c.inlined() ? " (inline)" : "");
                out.append(String.format(" %8s %10s %10s %8s  <span class=\"inlinesrc\">%-80s</span> <span class=\"unimportant\">%s:%d</span>%n",
                        "", escapeHtml(ListReport.valueOrDot(c.flat(), rpt)), escapeHtml(ListReport.valueOrDot(c.cum(), rpt)),
                        "calls", escapeHtml(name), escapeHtml(GoPath.base(c.file())), c.line())
                        .replace(System.lineSeparator(), "\n"));
            }
            out.append("</span>");
        }
        out.append('\n');
    }

    private static long firstLine(Routine r) {
        return r.values().isEmpty() ? 0 : r.values().keySet().iterator().next();
    }

    private static long flat(List<Routine> routines) {
        long sum = 0;
        for (Routine r : routines) {
            sum += Math.abs(r.flat());
        }
        return sum;
    }

    /** Columns of leading white space, a tab counted to the next multiple of 8 (go tool pprof's indentation). */
    private static int indentation(String line) {
        int column = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                column++;
            } else if (c == '\t') {
                column = column / 8 * 8 + 8;
            } else {
                break;
            }
        }
        return column;
    }
}
