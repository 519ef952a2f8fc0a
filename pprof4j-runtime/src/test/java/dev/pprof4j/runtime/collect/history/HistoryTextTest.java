package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history text's heap rows: in-use and allocated bytes per site, as the leak hunt reads them. */
class HistoryTextTest {
    private static HistoryStack stack(String className, String method) {
        return new HistoryStack(new HistoryFrame[] {new HistoryFrame(className, method, null, 7)});
    }

    @Test
    void writesEachSitesAllocatedBytesAlsoForASiteThatHoldsNothingNow() throws Exception {
        HistoryStack cache = stack("com.shop.Cache", "put");
        HistoryStack request = stack("com.shop.Handler", "render");
        HistoryStack own = stack("dev.pprof4j.runtime.http.Buffers", "grow");
        HistoryStack idle = stack("com.shop.Boot", "never");
        long[] values = {
            // alloc objects, alloc space, in-use objects, in-use space, samples, sample bytes
            40, 20 << 20, 10, 5 << 20, 40, 20 << 20,
            90, 9 << 20, 0, 0, 90, 9 << 20,
            3, 3 << 20, 3, 3 << 20, 3, 3 << 20,
            0, 0, 0, 0, 0, 0,
        };
        HeapReading heap = new HeapReading(524288, 1, new HistoryStack[] {cache, request, own, idle},
                new String[] {"byte[]", "char[]", "byte[]", "int[]"}, values);
        ThreadGroups none = new ThreadGroups(new HistoryStack[0], new HistoryStack[0], new byte[0], new int[0]);
        HistorySnapshot snapshot = new HistorySnapshot(1000, 1, none, heap, null, 1, 1, 0, 0, 0, 1, -1, 0);
        StringWriter out = new StringWriter();
        HistoryText.write(List.of(snapshot), new HistorySettings(Duration.ofSeconds(1), 10, false), out);

        List<String> heapRows = out.toString().lines().filter(l -> l.startsWith("heap\t")).toList();
        assertEquals(List.of("heap\t1\tbyte[]\t10\t" + (5 << 20) + "\t" + (20 << 20),
                "heap\t2\tchar[]\t0\t0\t" + (9 << 20)), heapRows, out.toString());
        assertTrue(out.toString().contains("heap-sites\t524288\n"), out.toString());
        assertTrue(!out.toString().contains("Buffers") && !out.toString().contains("never"),
                "the agent's own site and a site with nothing are left out: " + out);
    }
}
