package dev.pprof4j.report.web;

import dev.pprof4j.report.flame.FlameGraphHtml;
import dev.pprof4j.report.flame.FrameTree;
import dev.pprof4j.report.top.Report;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The flame graph page of the standalone {@code -flame} output with the UI's bar on top.
 * With a base, the graph is the differential one (the sources and the base apart, each
 * filtered the same way), not a graph of the negative-valued difference.
 */
final class FlameView {
    private FlameView() {
    }

    static String render(WebUi ui, ViewParams params) {
        if (params.get("mean").equals("true")) {
            throw new ViewParams.BadRequest("mean= is not supported by the flame graph: a frame's width is the sum of"
                    + " its callees', which means are not; /top, /peek and /graph show means");
        }
        Prepared prepared = Prepared.of(ui, params);
        ProfileSource.Snapshot snapshot = prepared.snapshot();
        Report rpt = prepared.report();
        FrameTree tree;
        if (snapshot.base() == null) {
            tree = FlameGraphHtml.tree(rpt.profile, null);
        } else {
            Report current = Prepared.prepare(snapshot.current(), params);
            Report base = Prepared.prepare(snapshot.base(), params);
            tree = FlameGraphHtml.tree(current.profile, base.profile);
        }
        List<String> notes = new ArrayList<>(rpt.profile.comments);
        String header = "<style>" + PageLayout.STYLE + "</style>\n" + PageLayout.header(View.FLAME, params, snapshot);
        StringWriter out = new StringWriter(1 << 16);
        FlameGraphHtml.write(tree, snapshot.name(), notes, rpt.sampleIndex, header, out);
        return out.toString();
    }
}
