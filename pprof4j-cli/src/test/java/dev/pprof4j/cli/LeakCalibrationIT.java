package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.LeakCalibration.Hunt;
import dev.pprof4j.cli.LeakCalibration.Runtime;
import dev.pprof4j.cli.LeakCalibration.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The calibration harness of bench/leak-calibration.sh on a few cells, once each, side by side:
 * a steady leak and a pool warming up on a JVM with the agent (hunted live and with {@code
 * --since}), a bursty leak and a flat service on Go. The leaking threads are named at their
 * creator in every hunt, and the live hunt of the JVM's steady leak names its heap site too;
 * the shapes without a leak exit 0. Cells whose detection rate on real processes
 * (docs/LEAKS.md) is not near 0 or 100 % are left to the script.
 */
class LeakCalibrationIT {
    @Test
    void namesTheLeaksOfAJvmAndAGoServiceAndNothingWhereNoneLeaks() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong(1, 1_000_000);
        List<CompletableFuture<List<Verdict>>> runs = new ArrayList<>();
        runs.add(start(Runtime.JAVA, "steady", seed));
        runs.add(start(Runtime.JAVA, "pool", seed + 1));
        runs.add(start(Runtime.GO, "bursty", seed + 2));
        runs.add(start(Runtime.GO, "flat", seed + 3));
        List<Verdict> verdicts = new ArrayList<>();
        for (CompletableFuture<List<Verdict>> run : runs) {
            verdicts.addAll(run.join());
        }
        verdicts.forEach(v -> System.out.println("LeakCalibrationIT: " + v));
        assertEquals(6, verdicts.size(), "two hunts of each JVM, one of each Go service: " + verdicts);
        for (Verdict v : verdicts) {
            if (LeakCalibration.leaks(v.shape())) {
                assertEquals(3, v.exit(), v.toString());
                assertTrue(v.threads(), "the leaking threads named at their creator: " + v);
                if (v.runtime() == Runtime.JAVA && v.hunt() == Hunt.LIVE) {
                    assertTrue(v.heap(), "the leaking heap site named: " + v);
                }
            } else {
                assertEquals(0, v.exit(), v.toString());
            }
        }
        assertTrue(verdicts.stream().anyMatch(v -> v.hunt() == Hunt.SINCE && v.shape().equals("steady")), verdicts.toString());
    }

    private static CompletableFuture<List<Verdict>> start(Runtime runtime, String shape, long seed) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return LeakCalibration.run(runtime, shape, seed);
            } catch (Exception e) {
                throw new IllegalStateException(runtime + " " + shape + " seed " + seed, e);
            }
        });
    }
}
