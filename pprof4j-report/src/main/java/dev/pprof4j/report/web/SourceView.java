package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import dev.pprof4j.profile.Granularity;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.top.WebListReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * go tool pprof's {@code /source?f=RE} view: {@code -weblist}'s listing of the functions
 * matching {@code f} ({@link WebListReport}: each line with {@code -list}'s flat and cum, a
 * line with calls expanding to them), the 50 files with the most flat value, as Go's UI shows.
 * Without {@code f}, the functions of the top rows. Files are read only from inside the
 * source path ({@link ConfinedSources}).
 */
final class SourceView {
    static final int TOP_FUNCTIONS = 5;
    /** go tool pprof's web UI lists at most this many files ({@code maxEntries}). */
    static final int MAX_FILES = 50;

    private SourceView() {
    }

    static String render(WebUi ui, ViewParams params) {
        Prepared prepared = Prepared.of(ui, params, Granularity.LINES);
        Report rpt = prepared.report();
        // go tool pprof's /source?f=: the focus names the functions shown
        String f = params.get("focus");
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
        Pattern pattern = f.isEmpty() ? topFunctions(rpt) : Pattern.compile(f);
        if (pattern == null) {
            sb.append("<p class=\"notice\" id=\"no-source\">No samples.</p>");
        } else {
            sb.append("<div class=\"legend\">Total: ").append(escapeHtml(rpt.formatValue(rpt.total))).append("</div>\n");
            WebListReport.body(rpt, pattern, new ConfinedSources(ui.sourceFinder()), MAX_FILES, sb);
        }
        return PageLayout.page(View.SOURCE, params, prepared.snapshot(), sb.toString(), WebListReport.STYLE,
                WebListReport.SCRIPT);
    }

    /** The functions with the most flat value, as one regex; null when no function has any. */
    static Pattern topFunctions(Report rpt) {
        Map<String, Long> flat = new HashMap<>();
        for (Sample sample : rpt.profile.samples) {
            if (!sample.locations.isEmpty() && !sample.locations.get(0).lines.isEmpty()
                    && sample.locations.get(0).lines.get(0).function() != null) {
                flat.merge(sample.locations.get(0).lines.get(0).function().name,
                        Math.abs(sample.values[rpt.sampleIndex]), Long::sum);
            }
        }
        List<String> top = flat.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_FUNCTIONS)
                .map(Map.Entry::getKey).toList();
        if (top.isEmpty()) {
            return null;
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < top.size(); i++) {
            names.append(i == 0 ? "" : "|").append(Pattern.quote(top.get(i)));
        }
        return Pattern.compile("^(" + names + ")$");
    }
}
