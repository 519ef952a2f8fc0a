package dev.pprof4j.runtime.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Go's {@code /debug/pprof/} page, with a column naming the engine behind each profile. */
final class IndexPage {
    record Entry(String name, String description, int count, String engine) {
    }

    private IndexPage() {
    }

    static String html(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::name));
        StringBuilder b = new StringBuilder(4096);
        b.append("<html>\n<head>\n<title>/debug/pprof/</title>\n<style>\n.profile-name{\n\tdisplay:inline-block;\n"
                + "\twidth:6rem;\n}\n</style>\n</head>\n<body>\n/debug/pprof/<br>\n<br>\n"
                + "Types of profiles available:\n<table>\n<thead><td>Count</td><td>Profile</td><td>Engine</td></thead>\n");
        for (Entry entry : sorted) {
            b.append("<tr><td>").append(entry.count() < 0 ? "" : Integer.toString(entry.count()))
                    .append("</td><td><a href='").append(escape(link(entry.name()))).append("'>").append(escape(entry.name()))
                    .append("</a></td><td>").append(escape(entry.engine())).append("</td></tr>\n");
        }
        b.append("</table>\n<a href=\"goroutine?debug=2\">full goroutine stack dump</a>\n<br>\n<p>\n"
                + "Profile Descriptions:\n<ul>\n");
        for (Entry entry : sorted) {
            b.append("<li><div class=profile-name>").append(escape(entry.name())).append(": </div> ")
                    .append(escape(entry.description())).append("</li>\n");
        }
        b.append("</ul>\n</p>\n</body>\n</html>");
        return b.toString();
    }

    /** The entry's text view: {@code ?debug=1}, or {@code &debug=1} after a query it already has. */
    static String link(String name) {
        return name + (name.indexOf('?') >= 0 ? "&" : "?") + "debug=1";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&#34;").replace("'", "&#39;");
    }
}
