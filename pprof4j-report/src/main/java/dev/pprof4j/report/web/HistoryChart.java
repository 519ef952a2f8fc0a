package dev.pprof4j.report.web;

import static dev.pprof4j.report.flame.FlameGraphHtml.escapeHtml;

import java.util.List;
import java.util.Locale;

/**
 * The small chart above a live agent's views: heap in use and live threads at each of the
 * agent's history snapshots. Each point links to the same view with {@code since=<its age>},
 * the profile as now minus that snapshot (a {@code -base} view with a base nobody had to take).
 */
final class HistoryChart {
    static final int WIDTH = 480;
    static final int HEIGHT = 80;
    private static final int PAD = 6;

    private HistoryChart() {
    }

    static String render(List<AgentHistory.Point> points, View view, ViewParams params) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<div class=\"history\" id=\"history\">");
        if (points.isEmpty()) {
            return sb.append("<span class=\"history-caption\">the agent's history holds no snapshot yet</span></div>\n")
                    .toString();
        }
        long maxHeap = Math.max(1, points.stream().mapToLong(AgentHistory.Point::heapAlloc).max().orElse(1));
        long maxThreads = Math.max(1, points.stream().mapToLong(AgentHistory.Point::threads).max().orElse(1));
        int n = points.size();
        sb.append("<svg id=\"history-chart\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"heap in use and live threads over the agent's history\">");
        sb.append(polyline(points, maxHeap, true, "history-heap"));
        sb.append(polyline(points, maxThreads, false, "history-threads"));
        for (int i = 0; i < n; i++) {
            AgentHistory.Point p = points.get(i);
            String since = age(p.ageMillis());
            String href = view.path + params.query("since", i == n - 1 ? "" : since);
            sb.append("<a class=\"history-point\" href=\"").append(escapeHtml(href)).append("\" data-since=\"")
                    .append(i == n - 1 ? "" : since).append("\"><title>")
                    .append(escapeHtml(p.time() + " (" + since + " ago): heap " + mb(p.heapAlloc()) + ", "
                            + p.platform() + " platform" + (p.virtual() >= 0 ? " + " + p.virtual() + " virtual" : "")
                            + " threads, " + p.numGc() + " GCs" + (i == n - 1 ? "; the latest" : "; click: now minus then")))
                    .append("</title>");
            sb.append("<circle cx=\"").append(x(i, n)).append("\" cy=\"").append(y(p.heapAlloc(), maxHeap))
                    .append("\" r=\"4\" class=\"history-heap-point\"/>");
            sb.append("<circle cx=\"").append(x(i, n)).append("\" cy=\"").append(y(p.threads(), maxThreads))
                    .append("\" r=\"3\" class=\"history-threads-point\"/></a>");
        }
        sb.append("</svg><span class=\"history-caption\" id=\"history-caption\">");
        sb.append("agent history: <span class=\"history-heap-key\">heap in use</span> (max ").append(mb(maxHeap))
                .append(") and <span class=\"history-threads-key\">live threads</span> (max ").append(maxThreads)
                .append("), ").append(n).append(" snapshots over ").append(age(points.get(0).ageMillis()))
                .append("; click a point to see now minus then.");
        String active = params.get("since");
        if (!active.isEmpty()) {
            sb.append(" <b id=\"history-since\">Showing now minus the snapshot of since=").append(escapeHtml(active))
                    .append(".</b> <a id=\"history-now\" href=\"").append(escapeHtml(view.path + params.query("since", "")))
                    .append("\">back to now</a>");
        }
        return sb.append("</span></div>\n").toString();
    }

    /** Places the chart right under the page's header bar. */
    static String insert(String page, String chart) {
        int at = page.indexOf("</header>\n");
        return at < 0 ? page : page.substring(0, at + 10) + chart + page.substring(at + 10);
    }

    private static String polyline(List<AgentHistory.Point> points, long max, boolean heap, String id) {
        StringBuilder sb = new StringBuilder("<polyline id=\"").append(id).append("\" fill=\"none\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            long v = heap ? points.get(i).heapAlloc() : points.get(i).threads();
            sb.append(i == 0 ? "" : " ").append(x(i, points.size())).append(',').append(y(v, max));
        }
        return sb.append("\"/>").toString();
    }

    private static String x(int i, int n) {
        double x = n == 1 ? WIDTH / 2.0 : PAD + (WIDTH - 2.0 * PAD) * i / (n - 1);
        return String.format(Locale.ROOT, "%.1f", x);
    }

    private static String y(long value, long max) {
        return String.format(Locale.ROOT, "%.1f", HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * value / max);
    }

    /** A whole-second Go duration the agent's since= reads: {@code 42s}, never less than 1s. */
    static String age(long millis) {
        return Math.max(1, Math.round(millis / 1000.0)) + "s";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1fMB", bytes / 1048576.0);
    }
}
