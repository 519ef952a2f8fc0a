package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.top.TreeReport;
import java.util.regex.Pattern;

/**
 * Callers and callees of the functions matching {@code peek} ({@code -peek}'s text, the same
 * code); without a regex, the whole call tree ({@code -tree}).
 */
final class PeekView {
    private PeekView() {
    }

    static String render(WebUi ui, ViewParams params) {
        Prepared prepared = Prepared.of(ui, params);
        Report rpt = prepared.report();
        // go tool pprof's /peek?f=: without a peek regex, the focus is the one peeked at
        String peek = params.get("peek").isEmpty() ? params.get("focus") : params.get("peek");
        StringBuilder text = new StringBuilder(8192);
        TreeReport.print(rpt, peek.isEmpty() ? null : Pattern.compile(peek), text);
        StringBuilder sb = new StringBuilder(text.length() + 1024);
        sb.append("<form method=\"get\" action=\"").append(View.PEEK.path).append("\" id=\"peek-form\">");
        for (String shared : ViewParams.SHARED) {
            if (!params.get(shared).isEmpty()) {
                sb.append("<input type=\"hidden\" name=\"").append(shared).append("\" value=\"")
                        .append(escapeHtml(params.get(shared))).append("\">");
            }
        }
        sb.append("<label>peek <input name=\"peek\" id=\"peek\" size=\"40\" value=\"").append(escapeHtml(peek))
                .append("\" placeholder=\"regex of functions (empty: whole tree)\"></label> <button type=\"submit\">Show</button></form>\n");
        sb.append("<pre id=\"peek-text\">").append(escapeHtml(text.toString())).append("</pre>\n");
        return PageLayout.page(View.PEEK, params, prepared.snapshot(), sb.toString());
    }
}
