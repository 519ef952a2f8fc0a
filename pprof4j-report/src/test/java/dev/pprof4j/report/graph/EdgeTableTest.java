package dev.pprof4j.report.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive call table against a plain map doing pprof's AddToEdge, through many resizes. */
class EdgeTableTest {
    private record Call(long weight, boolean inline, boolean residual, int lastSample) {
    }

    @Test
    void agreesWithAMapOfCallsThroughManyResizes() {
        Random rnd = new Random(7);
        EdgeTable table = new EdgeTable();
        Map<Long, Call> expected = new HashMap<>();
        for (int sample = 1; sample <= 5_000; sample++) {
            long w = rnd.nextInt(200) - 50;
            for (int k = 0; k < 12; k++) {
                int from = rnd.nextInt(3000);
                int to = rnd.nextInt(3000);
                boolean residual = rnd.nextInt(7) == 0;
                boolean inline = rnd.nextInt(5) == 0;
                table.add(from, to, w, sample, residual, inline);
                long key = (long) from << 32 | to;
                Call c = expected.get(key);
                if (c == null) {
                    expected.put(key, new Call(w, inline, residual, sample));
                } else if (c.lastSample() != sample) {
                    // once per sample; inline only while always inline; residual once ever residual
                    expected.put(key, new Call(c.weight() + w, c.inline() && inline, c.residual() || residual, sample));
                }
            }
        }
        Map<Long, Call> actual = new HashMap<>();
        table.forEach((from, to, weight, weightDiv, flags) -> actual.put((long) from << 32 | to,
                new Call(weight, (flags & EdgeTable.INLINE) != 0, (flags & EdgeTable.RESIDUAL) != 0, 0)));
        assertEquals(expected.size(), table.size());
        Map<Long, Call> expectedWithoutSample = new HashMap<>();
        expected.forEach((k, c) -> expectedWithoutSample.put(k, new Call(c.weight(), c.inline(), c.residual(), 0)));
        assertEquals(expectedWithoutSample, actual);
    }
}
