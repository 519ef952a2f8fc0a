package dev.pprof4j.report.leaks.render;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.detect.Finding;
import dev.pprof4j.report.leaks.detect.FindingKind;
import dev.pprof4j.report.leaks.detect.LeakCriteria;
import dev.pprof4j.report.leaks.detect.LeakReport;
import dev.pprof4j.report.leaks.detect.Trend;
import java.time.Instant;
import java.util.List;

/**
 * The report for machines ({@code --format json}): the same findings as the text, with
 * stacks as frame objects and values one per snapshot.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(LeakReport report) {
        Json json = new Json().beginObject();
        json.key("leak").value(report.leakFound());
        json.key("snapshots").beginArray();
        for (Instant t : report.times()) {
            json.value(t.toString());
        }
        json.endArray();
        json.key("measured").beginArray();
        for (Measure m : Measure.values()) {
            if (report.measured().contains(m)) {
                json.value(m.name().toLowerCase());
            }
        }
        json.endArray();
        json.key("notes").beginArray();
        report.notes().forEach(json::value);
        json.endArray();
        json.key("criteria").beginObject()
                .key("warmupIntervals").value(report.criteria().warmupIntervals())
                .key("minThreads").value(report.criteria().minThreads())
                .key("minBytes").value(report.criteria().minBytes())
                .key("trendP").value(LeakCriteria.TREND_P)
                .endObject();
        findings(json.key("findings"), report.findings());
        findings(json.key("alsoGrew"), report.alsoGrew());
        findings(json.key("unexplained"), report.unexplained());
        return json.endObject().toString();
    }

    private static void findings(Json json, List<Finding> findings) {
        json.beginArray();
        int rank = 1;
        for (Finding f : findings) {
            json.beginObject()
                    .key("rank").value(rank++)
                    .key("kind").value(f.kind().name().toLowerCase())
                    .key("site").value(f.site())
                    .key("unit").value(f.kind().unit())
                    .key("values").values(f.values())
                    .key("objects").values(f.objects())
                    .key("growth").value(f.growth())
                    .key("score").value(f.score())
                    .key("hint").value(f.hint().name().toLowerCase())
                    .key("fix").value(f.hint().text());
            Trend trend = f.trend();
            json.key("trend").beginObject()
                    .key("intervals").value(trend.intervals())
                    .key("grew").value(trend.grew())
                    .key("fellBack").value(trend.fellBack())
                    .key("p").value(trend.p())
                    .key("summary").value(trend.summary())
                    .endObject();
            if (!f.explainedBy().isEmpty()) {
                json.key("explainedBy").value(f.explainedBy());
            }
            stack(json.key(f.kind() == FindingKind.THREADS ? "createdBy" : "allocatedAt"), f.stack());
            if (f.kind() == FindingKind.THREADS) {
                stack(json.key("waitingIn"), f.waitingIn());
            }
            if (f.heldBy().isPresent()) {
                ReferenceChain chain = f.heldBy().get();
                json.key("heldBy").beginObject().key("target").value(chain.target())
                        .key("objects").value(chain.objects()).key("bytes").value(chain.bytes())
                        .key("estimated").value(chain.estimated()).key("path").beginArray();
                chain.path().forEach(json::value);
                json.endArray().endObject();
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void stack(Json json, Stack stack) {
        json.beginArray();
        for (Frame frame : stack.frames()) {
            json.beginObject().key("function").value(frame.function()).key("file").value(frame.file())
                    .key("line").value(frame.line()).endObject();
        }
        json.endArray();
    }
}
