package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The legacy text's records: raw samples under Go's {@code heap/2*rate} while every sample was
 * drawn at the rate; the estimates under {@code heap/2} (rate 1, which pprof does not scale)
 * once the CPU budget drew some at a larger interval, since no single rate scales those.
 */
class HeapDebugTextTest {
    private static final StackFrame LEAF = new StackFrame("app.Cache", "put", "Cache.java", 42);

    @Test
    void rawSamplesUnderTwiceTheRate() throws Exception {
        String text = write(stats(0));
        assertTrue(text.startsWith("heap profile: 3: 3072 [40: 40960] @ heap/1048576\n"), text);
        assertTrue(text.contains("\n3: 3072 [40: 40960] @ 0x1000\n"), text);
        assertTrue(!text.contains("estimates"), text);
    }

    @Test
    void estimatesUnderRateOneOnceTheBudgetRaisedTheInterval() throws Exception {
        String text = write(stats(7));
        assertTrue(text.startsWith("heap profile: 1536: 1572864 [20480: 20971520] @ heap/2\n"), text);
        assertTrue(text.contains("\n1536: 1572864 [20480: 20971520] @ 0x1000\n"), text);
        assertTrue(text.contains("# counts are estimates (scaled): the CPU budget drew some samples at intervals above"
                + " 524288 bytes; CPU budget 0.5 % of the process: the interval rose to as much as 2097152 bytes"
                + " for 7 of 40 samples"), text);
    }

    @org.junit.jupiter.api.Test
    void memStatsLinesAreTheOnesVarsShows() throws Exception {
        dev.pprof4j.runtime.collect.gc.MemStats m = new dev.pprof4j.runtime.collect.gc.MemStats(1000, 5000, 9000, 4000,
                3000, 8000, 700, 900, 2500, 1_700_000_000_000_000_000L, 7, 42_000_000, 31_000_000);
        StringWriter out = new StringWriter();
        HeapDebugText.write(out, null, "no sampler in this test", null, "not taken in this test", m);
        String text = out.toString();
        for (String line : List.of("# Alloc = 1000", "# TotalAlloc = 5000", "# Sys = 9000", "# HeapInuse = 1000",
                "# HeapIdle = 3000", "# NextGC = 2500", "# LastGC = 1700000000000000000", "# NumGC = 7",
                "# GcTimeTotalNs = 42000000", "# PauseTotalNs = 31000000")) {
            assertTrue(text.contains(line + "\n"), line + " missing from\n" + text);
        }
    }

    private static SamplerStats stats(long raised) {
        return new SamplerStats(40, 0, 0, 3, 1, 524288, 524288, raised, raised > 0 ? 2097152 : 524288);
    }

    private static String write(SamplerStats stats) throws Exception {
        HeapSite site = new HeapSite(List.of(LEAF), "byte[]", 20480, 20971520, 1536, 1572864, 40, 40960, 3, 3072);
        HeapSnapshot snapshot = new HeapSnapshot(524288, 0.005, 0, List.of(site), stats, 1);
        StringWriter out = new StringWriter();
        HeapDebugText.write(out, snapshot, null, null, "not taken in this test");
        return out.toString();
    }
}
