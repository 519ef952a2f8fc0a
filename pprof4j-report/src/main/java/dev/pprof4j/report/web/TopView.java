package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.top.Report;
import dev.pprof4j.report.top.TopReport;
import java.util.regex.Pattern;

/** The top table: the rows of {@code -top}, sortable by any column, names linking to peek and source. */
final class TopView {
    /** Rows shown at most; a profile with more functions says how many were left out. */
    static final int MAX_ROWS = 5000;

    private TopView() {
    }

    static String render(WebUi ui, ViewParams params) {
        Prepared prepared = Prepared.of(ui, params);
        Report rpt = prepared.report();
        TopReport.Rows rows = TopReport.rows(rpt);
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<div class=\"labels\" id=\"labels\"><pre>");
        for (String label : rows.labels()) {
            sb.append(escapeHtml(label)).append('\n');
        }
        sb.append("</pre></div>\n<table class=\"rows\" id=\"top-table\"><thead><tr>")
                .append("<th data-type=\"number\">flat</th><th data-type=\"number\">flat%</th>")
                .append("<th data-type=\"number\">sum%</th><th data-type=\"number\">cum</th>")
                .append("<th data-type=\"number\">cum%</th><th class=\"name\">name</th></tr></thead><tbody>\n");
        long sum = 0;
        int shown = 0;
        for (TopReport.Row row : rows.rows()) {
            if (shown++ == MAX_ROWS) {
                break;
            }
            sum += row.flat();
            String exact = "^" + Pattern.quote(row.name()) + "$";
            sb.append("<tr><td data-v=\"").append(row.flat()).append("\">").append(escapeHtml(row.flatFormat()))
                    .append("</td><td data-v=\"").append(row.flat()).append("\">")
                    .append(Measurement.percentage(row.flat(), rpt.total).strip())
                    .append("</td><td data-v=\"").append(sum).append("\">").append(Measurement.percentage(sum, rpt.total).strip())
                    .append("</td><td data-v=\"").append(row.cum()).append("\">").append(escapeHtml(row.cumFormat()))
                    .append("</td><td data-v=\"").append(row.cum()).append("\">")
                    .append(Measurement.percentage(row.cum(), rpt.total).strip())
                    .append("</td><td class=\"name\"><a href=\"").append(View.PEEK.path)
                    .append(escapeHtml(params.query("peek", exact))).append("\" title=\"callers and callees\">")
                    .append(escapeHtml(row.name())).append("</a>")
                    .append(row.inlineLabel().isEmpty() ? "" : " " + escapeHtml(row.inlineLabel()))
                    .append(" <a class=\"src\" href=\"").append(View.SOURCE.path)
                    .append(escapeHtml(params.query("focus", "^" + Pattern.quote(functionName(row.name())) + "$")))
                    .append("\" title=\"source lines\">src</a></td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        if (rows.rows().size() > MAX_ROWS) {
            sb.append("<p class=\"notice\">").append(rows.rows().size() - MAX_ROWS)
                    .append(" more rows not shown; use focus to narrow down.</p>");
        }
        return PageLayout.page(View.TOP, params, prepared.snapshot(), sb.toString());
    }

    /**
     * The function in a row's label, which at finer granularities also carries an address
     * before and a file:line after it ({@code NodeInfo.printableName}).
     */
    static String functionName(String label) {
        String[] parts = label.split(" ");
        int i = parts.length > 1 && parts[0].matches("[0-9a-f]{16}") ? 1 : 0;
        return parts[i];
    }
}
