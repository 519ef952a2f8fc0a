package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import dev.pprof4j.profile.Granularity;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.top.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Source lines of the functions matching {@code f}, each line with its flat and cum value,
 * read from disk where the file can be found (see {@link SourceFinder}). Without {@code f},
 * the functions of the top rows.
 */
final class SourceView {
    static final int TOP_FUNCTIONS = 5;
    static final int CONTEXT = 4;
    static final int MAX_LINES_PER_FILE = 600;
    static final long MAX_FILE_BYTES = 4 << 20;

    private SourceView() {
    }

    /** Values of one source line. */
    private static final class LineValues {
        long flat;
        long cum;
    }

    static String render(WebUi ui, ViewParams params) {
        Prepared prepared = Prepared.of(ui, params, Granularity.LINES);
        Report rpt = prepared.report();
        // go tool pprof's /source?f=: the focus names the functions shown
        String f = params.get("focus");
        Pattern pattern;
        if (f.isEmpty()) {
            StringBuilder names = new StringBuilder();
            List<String> top = topFunctions(rpt);
            for (int i = 0; i < top.size(); i++) {
                names.append(i == 0 ? "" : "|").append(Pattern.quote(top.get(i)));
            }
            pattern = Pattern.compile("^(" + names + ")$");
        } else {
            pattern = Pattern.compile(f);
        }
        // file -> (line -> values); a sample adds to each (file, line) of its stack once.
        Map<String, Map<Long, LineValues>> files = new TreeMap<>();
        Map<String, String> functionOfFile = new TreeMap<>();
        Profile profile = rpt.profile;
        Set<String> seen = new HashSet<>();
        for (Sample sample : profile.samples) {
            long v = sample.values[rpt.sampleIndex];
            if (v == 0) {
                continue;
            }
            seen.clear();
            boolean leaf = true;
            for (Location location : sample.locations) {
                for (Line line : location.lines) {
                    if (line.function() == null || !pattern.matcher(line.function().name).find()) {
                        leaf = false;
                        continue;
                    }
                    String file = line.function().filename;
                    functionOfFile.putIfAbsent(file, line.function().name);
                    LineValues values = files.computeIfAbsent(file, k -> new TreeMap<>())
                            .computeIfAbsent(line.line(), k -> new LineValues());
                    if (seen.add(file + ":" + line.line())) {
                        values.cum += v;
                    }
                    if (leaf) {
                        values.flat += v;
                    }
                    leaf = false;
                }
            }
        }
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<form method=\"get\" action=\"").append(View.SOURCE.path).append("\" id=\"source-form\">");
        for (String shared : ViewParams.SHARED) {
            if (!params.get(shared).isEmpty()) {
                sb.append("<input type=\"hidden\" name=\"").append(shared).append("\" value=\"")
                        .append(escapeHtml(params.get(shared))).append("\">");
            }
        }
        sb.append("<label>functions <input name=\"f\" id=\"f\" size=\"40\" value=\"").append(escapeHtml(f))
                .append("\" placeholder=\"regex (empty: the top functions)\"></label> <button type=\"submit\">Show</button></form>\n");
        if (files.isEmpty()) {
            sb.append("<p class=\"notice\" id=\"no-source\">No samples in functions matching ")
                    .append(escapeHtml(pattern.pattern())).append(".</p>");
        }
        SourceFinder finder = ui.sourceFinder();
        for (Map.Entry<String, Map<Long, LineValues>> e : files.entrySet()) {
            String file = e.getKey();
            sb.append("<h3 class=\"source-file\">").append(escapeHtml(file.isEmpty() ? "(no file name)" : file)).append("</h3>\n");
            SourceFinder.Located located = finder.locate(file, functionOfFile.get(file));
            Optional<Path> path = located.file();
            List<String> text = path.flatMap(SourceView::readLines).orElse(null);
            if (located.refusal() != null && !located.refusal().isEmpty()) {
                sb.append("<p class=\"notice source-refused\">Source not shown: ").append(escapeHtml(located.refusal()))
                        .append(".</p>\n");
            } else if (text == null) {
                sb.append("<p class=\"notice\">Source not found on disk; searched -source_path and the current directory.</p>\n");
            } else {
                sb.append("<div class=\"source-path\">").append(escapeHtml(path.get().toString())).append("</div>\n");
            }
            sb.append("<table class=\"rows source\"><thead><tr><th>line</th><th>flat</th><th>cum</th><th class=\"name\">source</th></tr></thead><tbody>\n");
            Map<Long, LineValues> lines = e.getValue();
            long first = Math.max(1, lines.keySet().iterator().next() - CONTEXT);
            long last = ((TreeMap<Long, LineValues>) lines).lastKey() + CONTEXT;
            if (text == null || last - first > MAX_LINES_PER_FILE) {
                // without the text (or when too long) only lines with samples
                for (Map.Entry<Long, LineValues> l : lines.entrySet()) {
                    row(sb, rpt, l.getKey(), l.getValue(), text);
                }
            } else {
                for (long n = first; n <= Math.min(last, text.size()); n++) {
                    row(sb, rpt, n, lines.get(n), text);
                }
            }
            sb.append("</tbody></table>\n");
        }
        return PageLayout.page(View.SOURCE, params, prepared.snapshot(), sb.toString());
    }

    /** The functions with the most flat value, heaviest first. */
    static List<String> topFunctions(Report rpt) {
        Map<String, Long> flat = new java.util.HashMap<>();
        for (Sample sample : rpt.profile.samples) {
            if (!sample.locations.isEmpty() && !sample.locations.get(0).lines.isEmpty()
                    && sample.locations.get(0).lines.get(0).function() != null) {
                flat.merge(sample.locations.get(0).lines.get(0).function().name,
                        Math.abs(sample.values[rpt.sampleIndex]), Long::sum);
            }
        }
        return flat.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_FUNCTIONS)
                .map(Map.Entry::getKey).toList();
    }

    private static void row(StringBuilder sb, Report rpt, long n, LineValues values, List<String> text) {
        String code = text != null && n >= 1 && n <= text.size() ? text.get((int) n - 1) : "";
        sb.append("<tr").append(values != null ? " class=\"hot\"" : "").append("><td class=\"line\">").append(n)
                .append("</td><td>").append(values == null ? "." : escapeHtml(rpt.formatValue(values.flat)))
                .append("</td><td>").append(values == null ? "." : escapeHtml(rpt.formatValue(values.cum)))
                .append("</td><td class=\"name\"><pre style=\"margin:0\">").append(escapeHtml(code)).append("</pre></td></tr>\n");
    }

    private static Optional<List<String>> readLines(Path path) {
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(List.of(new String(Files.readAllBytes(path), StandardCharsets.UTF_8).split("\n", -1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
