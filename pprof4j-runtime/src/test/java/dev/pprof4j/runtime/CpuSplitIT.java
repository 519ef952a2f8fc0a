package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.CpuSplit;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A thread that splits its CPU about 70/30 between two methods in chunks of random length,
 * measuring its own truth; the CPU profile, read by go tool pprof, must give each method's
 * share within ±5 points of the truth.
 */
class CpuSplitIT {
    static final int SECONDS = 10;
    static final Pattern TRUTH = Pattern.compile("truth hot=(\\d+) cold=(\\d+)");

    @Test
    void seventyThirtySplitShowsWithinFivePoints() {
        try (ChildJvm app = ChildJvm.builder(CpuSplit.class.getName())
                .agent(ChildJvm.agentJar(), "port=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
            app.await(Pattern.compile("truth hot=[1-9]"), Duration.ofSeconds(30)); // warmed up
            long[] before = lastTruth(app.output());
            Http.Response response = Http.get(base + "profile?seconds=" + SECONDS);
            long[] after = lastTruth(app.output());
            assertEquals(200, response.status(), response.text());
            GoTop top = GoTop.of(response.body());
            // async-profiler before JDK 25, JFR from 25 on (CpuEngines); either names itself.
            assertTrue(top.output().contains("engine: async-profiler") || top.output().contains("engine: jfr"),
                    top.output());

            double hotTruth = after[0] - before[0];
            double coldTruth = after[1] - before[1];
            double truthShare = 100 * hotTruth / (hotTruth + coldTruth);
            double hot = top.row(CpuSplit.class.getName() + ".hot").flatPercent();
            double cold = top.row(CpuSplit.class.getName() + ".cold").flatPercent();
            double profileShare = 100 * hot / (hot + cold);
            assertEquals(truthShare, profileShare, 5.0, String.format(
                    "hot share: truth %.1f%%, profile %.1f%%%n%s", truthShare, profileShare, top.output()));

            // How many of the samples due each engine delivers is checked per engine, with
            // intrinsics too, by collect.cpu.CpuProfileTruthIT; here: both methods are seen.
            assertTrue(hot > 0 && cold > 0, top.output());
        }
    }

    /** The workload's latest cumulative truth: nanoseconds in hot and in cold. */
    static long[] lastTruth(String output) {
        Matcher m = TRUTH.matcher(output);
        long[] last = null;
        while (m.find()) {
            last = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
        if (last == null) {
            throw new AssertionError("no truth printed yet:\n" + output);
        }
        return last;
    }
}
