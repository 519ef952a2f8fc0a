package dev.pprof4j.report.leaks.render;

import dev.pprof4j.protocol.JsonWriter;
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
        JsonWriter json = JsonWriter.compact().beginObject();
        json.name("leak").value(report.leakFound());
        json.name("snapshots").beginArray();
        for (Instant t : report.times()) {
            json.value(t.toString());
        }
        json.endArray();
        json.name("measured").beginArray();
        for (Measure m : Measure.values()) {
            if (report.measured().contains(m)) {
                json.value(m.name().toLowerCase());
            }
        }
        json.endArray();
        json.name("notes").beginArray();
        report.notes().forEach(json::value);
        json.endArray();
        json.name("criteria").beginObject()
                .name("warmupIntervals").value(report.criteria().warmupIntervals())
                .name("minThreads").value(report.criteria().minThreads())
                .name("minBytes").value(report.criteria().minBytes())
                .name("trendP").value(LeakCriteria.TREND_P)
                .endObject();
        findings(json.name("findings"), report.findings());
        findings(json.name("alsoGrew"), report.alsoGrew());
        findings(json.name("unexplained"), report.unexplained());
        return json.endObject().toString();
    }

    private static void findings(JsonWriter json, List<Finding> findings) {
        json.beginArray();
        int rank = 1;
        for (Finding f : findings) {
            json.beginObject()
                    .name("rank").value(rank++)
                    .name("kind").value(f.kind().name().toLowerCase())
                    .name("site").value(f.site())
                    .name("unit").value(f.kind().unit())
                    .name("values").values(f.values())
                    .name("objects").values(f.objects())
                    .name("growth").value(f.growth())
                    .name("score").value(f.score())
                    .name("hint").value(f.hint().name().toLowerCase())
                    .name("fix").value(f.hint().text());
            Trend trend = f.trend();
            json.name("trend").beginObject()
                    .name("intervals").value(trend.intervals())
                    .name("grew").value(trend.grew())
                    .name("fellBack").value(trend.fellBack())
                    .name("p").value(trend.p())
                    .name("summary").value(trend.summary())
                    .endObject();
            if (!f.explainedBy().isEmpty()) {
                json.name("explainedBy").value(f.explainedBy());
            }
            stack(json.name(f.kind() == FindingKind.THREADS ? "createdBy" : "allocatedAt"), f.stack());
            if (f.kind() == FindingKind.THREADS) {
                stack(json.name("waitingIn"), f.waitingIn());
            }
            if (f.heldBy().isPresent()) {
                ReferenceChain chain = f.heldBy().get();
                json.name("heldBy").beginObject().name("target").value(chain.target())
                        .name("objects").value(chain.objects()).name("bytes").value(chain.bytes())
                        .name("estimated").value(chain.estimated()).name("path").beginArray();
                chain.path().forEach(json::value);
                json.endArray().endObject();
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void stack(JsonWriter json, Stack stack) {
        json.beginArray();
        for (Frame frame : stack.frames()) {
            json.beginObject().name("function").value(frame.function()).name("file").value(frame.file())
                    .name("line").value(frame.line()).endObject();
        }
        json.endArray();
    }
}
