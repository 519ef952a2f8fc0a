package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.report.PageResources;
import java.util.List;

/**
 * What every page of the UI has: the navigation (links keep the filters), the filter form,
 * the sample-index switch and the Refresh button. Markup only; no script or style comes from
 * the network.
 */
final class PageLayout {
    static final String STYLE = PageResources.text(PageLayout.class, "web.css");
    static final String SCRIPT = PageResources.text(PageLayout.class, "web.js");

    private PageLayout() {
    }

    /** A whole page around {@code body}. */
    static String page(View view, ViewParams params, ProfileSource.Snapshot snapshot, String body) {
        return page(view, params, snapshot, body, "", "");
    }

    /** A whole page around {@code body}, with a view's own style and script added to the UI's. */
    static String page(View view, ViewParams params, ProfileSource.Snapshot snapshot, String body, String style,
            String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + escapeHtml(view.title + " - " + snapshot.name() + " - pprof4j") + "</title>\n<style>" + STYLE + style
                + "</style></head>\n<body>\n" + header(view, params, snapshot) + "<main id=\"view\">\n" + body
                + "</main>\n<script>" + SCRIPT + script + "</script>\n</body></html>\n";
    }

    static String errorPage(View view, ViewParams params, ProfileSource.Snapshot snapshot, String message) {
        return page(view, params, snapshot, "<p class=\"error\" id=\"error\">" + escapeHtml(message) + "</p>");
    }

    /** The bar at the top of each page; {@code view}'s own parameters ride along as hidden fields. */
    static String header(View view, ViewParams params, ProfileSource.Snapshot snapshot) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<header class=\"bar\"><nav>");
        sb.append("<span class=\"brand\">pprof4j</span>");
        for (View v : View.values()) {
            sb.append("<a id=\"nav-").append(v.name().toLowerCase(java.util.Locale.ROOT)).append("\" href=\"")
                    // the flame graph refuses mean= (widths are sums): its link leaves it out
                    .append(v.path).append(escapeHtml(v == View.FLAME ? params.query("mean", null) : params.query()))
                    .append('"')
                    .append(v == view ? " class=\"current\"" : "").append('>').append(v.title).append("</a>");
        }
        sb.append("</nav>\n<form id=\"filters\" method=\"get\" action=\"").append(view.path).append("\">");
        sb.append("<label>Sample <select name=\"si\" id=\"si\" onchange=\"this.form.submit()\">");
        Profile profile = snapshot.profile();
        String si = params.get("si");
        int chosen = profile.defaultSampleIndex();
        for (int i = 0; i < profile.sampleTypes.size(); i++) {
            if (profile.sampleTypes.get(i).type().equals(si) || String.valueOf(i).equals(si)) {
                chosen = i;
            }
        }
        for (int i = 0; i < profile.sampleTypes.size(); i++) {
            ValueType t = profile.sampleTypes.get(i);
            sb.append("<option value=\"").append(escapeHtml(t.type())).append('"').append(i == chosen ? " selected" : "")
                    .append('>').append(escapeHtml(t.type() + " (" + t.unit() + ")")).append("</option>");
        }
        sb.append("</select></label>");
        for (String filter : List.of("focus", "ignore", "hide", "show")) {
            sb.append("<label>").append(filter).append(" <input name=\"").append(filter).append("\" id=\"")
                    .append(filter).append("\" size=\"14\" value=\"").append(escapeHtml(params.get(filter)))
                    .append("\" placeholder=\"regex\"></label>");
        }
        if (!params.get("peek").isEmpty() && view == View.PEEK) {
            sb.append("<input type=\"hidden\" name=\"peek\" value=\"").append(escapeHtml(params.get("peek")))
                    .append("\">");
        }
        for (String setting : ViewParams.SETTINGS) {
            if (!params.get(setting).isEmpty()) {
                sb.append("<input type=\"hidden\" name=\"").append(setting).append("\" value=\"")
                        .append(escapeHtml(params.get(setting))).append("\">");
            }
        }
        sb.append("<button type=\"submit\" id=\"apply\">Apply</button>");
        sb.append("<a href=\"").append(view.path).append("\" id=\"clear\">clear</a></form>\n");
        sb.append("<a id=\"download\" href=\"/download\" title=\"The profile as gzipped protobuf, for go tool pprof\">")
                .append("Download</a>");
        sb.append("<form method=\"post\" action=\"/refresh\" id=\"refresh-form\"><button type=\"submit\" id=\"refresh\" ")
                .append("title=\"Read the sources again (a live agent gives a fresh profile)\">Refresh</button></form>");
        sb.append("</header>\n<div class=\"source-name\" id=\"profile-name\">").append(escapeHtml(snapshot.name()))
                .append("</div>\n");
        return sb.toString();
    }
}
