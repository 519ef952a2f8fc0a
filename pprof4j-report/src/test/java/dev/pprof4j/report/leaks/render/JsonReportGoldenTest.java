package dev.pprof4j.report.leaks.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.Usage;
import dev.pprof4j.report.leaks.detect.LeakCriteria;
import dev.pprof4j.report.leaks.detect.LeakDetector;
import dev.pprof4j.report.leaks.detect.LeakReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code leaks --format json} byte for byte: a report with every kind of field (thread and
 * heap findings, a chain, notes, a class that grew unexplained, strings that need escaping)
 * against a golden file, so a change of JSON writer cannot change what scripts read.
 * Regenerate after a deliberate change of the format with
 * {@code mvn -pl pprof4j-report -am test -Dtest=JsonReportGoldenTest -Dpprof4j.updateGoldens=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review the diff.
 */
class JsonReportGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/pprof4j/report/leaks/render/leak-report.json");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Stack stack(String... functions) {
        List<Frame> frames = new ArrayList<>();
        for (String f : functions) {
            frames.add(new Frame(f, "Shop.java", 10 + frames.size()));
        }
        return new Stack(frames);
    }

    static LeakReport report() {
        Stack waiting = stack("jdk.internal.misc.Unsafe.park", "shop.Feed.lambda$subscribe$0", "java.lang.Thread.run");
        Stack started = stack("java.lang.Thread.start", "shop.Feed.subscribe", "shop.FeedHandler.handle");
        // A name with every character the writer escapes: quote, backslash, tab, newline, a control character.
        Stack odd = stack("shop.\"Quoted\"\\Cache.put\t\n\u0001", "shop.Handler.handle");
        Stack garbage = stack("java.util.Arrays.copyOf", "shop.Report.render");
        ReferenceChain chain = new ReferenceChain("byte[]", Stack.UNKNOWN,
                List.of("static shop.RequestLogger.RECENT", "java.util.ArrayDeque", "java.lang.Object[]", "byte[]"));
        List<Snapshot> series = new ArrayList<>();
        long[] grown = {0, 9, 21, 30, 41, 50};
        for (int i = 0; i < grown.length; i++) {
            series.add(Snapshot.at(T0.plusSeconds(3L * i))
                    .thread(waiting, started, 2 + grown[i])
                    .liveHeap(odd, new Usage(100 * grown[i], (1L << 20) * grown[i]))
                    .liveHeap(garbage, new Usage(i % 2, 1000L * (i % 3)))
                    .heapClass("byte[]", new Usage(1000L * i, (60L << 20) + (5L << 20) * i))
                    .heapClass("java.lang.String", new Usage(1000, 24_000))
                    .chain(chain)
                    .note("a note with \"quotes\" and a\nnewline")
                    .build());
        }
        return new LeakDetector(LeakCriteria.DEFAULT).detect(series);
    }

    @Test
    void jsonReportIsUnchanged() throws IOException {
        String json = JsonReport.render(report()) + "\n";
        if (Boolean.getBoolean("pprof4j.updateGoldens")) {
            Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
        }
        // Valid JSON first, so a broken golden cannot pass by matching a broken writer.
        JsonParser.parseString(json);
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), json);
    }
}
