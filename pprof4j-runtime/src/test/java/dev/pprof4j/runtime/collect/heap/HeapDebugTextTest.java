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

    private static SamplerStats stats(long raised) {
        return new SamplerStats(40, 0, 0, 3, 1, 524288, 524288, raised, raised > 0 ? 2097152 : 524288);
    }

    private static String write(SamplerStats stats) throws Exception {
        HeapSite site = new HeapSite(List.of(LEAF), "byte[]", 20480, 20971520, 1536, 1572864, 40, 40960, 3, 3072);
        HeapSnapshot snapshot = new HeapSnapshot(524288, 0.005, 0, List.of(site), stats);
        StringWriter out = new StringWriter();
        HeapDebugText.write(out, snapshot, null, null, "not taken in this test");
        return out.toString();
    }
}
