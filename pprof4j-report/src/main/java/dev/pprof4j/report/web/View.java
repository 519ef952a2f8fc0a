package dev.pprof4j.report.web;

/** The pages of the web UI, their paths (go tool pprof's) and titles. */
enum View {
    TOP("/top", "Top"),
    FLAME("/flamegraph", "Flame graph"),
    PEEK("/peek", "Peek"),
    GRAPH("/graph", "Graph"),
    SOURCE("/source", "Source");

    final String path;
    final String title;

    View(String path, String title) {
        this.path = path;
        this.title = title;
    }

    static View forPath(String path) {
        if (path.equals("/") || path.equals("/ui/") || path.equals("/ui")) {
            return TOP;
        }
        String p = path.startsWith("/ui/") ? path.substring(3) : path;
        for (View v : values()) {
            if (v.path.equals(p)) {
                return v;
            }
        }
        return null;
    }

    String render(WebUi ui, ViewParams params) {
        return switch (this) {
            case TOP -> TopView.render(ui, params);
            case FLAME -> FlameView.render(ui, params);
            case PEEK -> PeekView.render(ui, params);
            case GRAPH -> GraphView.render(ui, params);
            case SOURCE -> SourceView.render(ui, params);
        };
    }
}
