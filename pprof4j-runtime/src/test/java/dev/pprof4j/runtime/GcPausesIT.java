package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.ExplicitCollections;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /debug/vars}' pause list against the JVM's own GC log: a child JVM runs
 * {@code System.gc()} a known number of times with live sets of random size, and every pause
 * the log reports from then on must be among the agent's, and each of the agent's in the log.
 */
class GcPausesIT {
    static final int COLLECTIONS = 8;
    static final Pattern LOGGED_PAUSE = Pattern.compile("\\[([0-9.]+)s\\].*GC\\((\\d+)\\) Pause .* ([0-9.]+)ms");

    @Test
    void pauseTimesMatchTheGcLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        try (ChildJvm app = ChildJvm.builder(ExplicitCollections.class.getName())
                .jvmArg("-Xmx256m", "-XX:+UseG1GC", "-Xlog:gc:file=" + log)
                .agent(ChildJvm.agentJar(), "port=0")
                .args(Integer.toString(COLLECTIONS)).start()) {
            String vars = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/vars";
            Matcher from = app.await(Pattern.compile("collecting from uptime (\\d+)"), Duration.ofSeconds(60));
            app.await(Pattern.compile("collected " + COLLECTIONS), Duration.ofSeconds(60));
            double fromSeconds = Long.parseLong(from.group(1)) / 1000.0;

            double[] all = sorted(loggedPausesMs(log, 0));
            double[] since = sorted(loggedPausesMs(log, fromSeconds));
            assertTrue(since.length >= COLLECTIONS, "the log's pauses after the workload began: " + Arrays.toString(since));

            // JFR hands events over about once a second, so wait for them: every pause the log
            // has since the workload began must be among ours, and each of ours in the log.
            String mismatch = "no answer";
            for (int attempt = 0; attempt < 40 && mismatch != null; attempt++) {
                Thread.sleep(250);
                double[] ours = sorted(recentPauses(Http.get(vars).text()));
                mismatch = unmatched(since, ours, "of the log's pauses since the workload began not reported");
                if (mismatch == null) {
                    mismatch = unmatched(ours, all, "of ours not in the log");
                }
            }
            assertNull(mismatch, mismatch);
            assertTrue(since[since.length - 1] > 2 * since[0] || since[since.length - 1] - since[0] > 1,
                    "the workload's live sets should make the pauses differ: " + Arrays.toString(since));
        }
    }

    /**
     * Null when each of {@code wanted} matches a different one of {@code among} (both sorted);
     * else what did not. The log prints milliseconds with three decimals and times the pause
     * from a slightly different point: a tenth of a millisecond or 5 % is the agreement.
     */
    static String unmatched(double[] wanted, double[] among, String what) {
        boolean[] used = new boolean[among.length];
        List<Double> missing = new ArrayList<>();
        for (double w : wanted) {
            double tolerance = Math.max(0.1, 0.05 * w);
            int found = -1;
            for (int i = 0; i < among.length && found < 0; i++) {
                if (!used[i] && Math.abs(among[i] - w) <= tolerance) {
                    found = i;
                }
            }
            if (found < 0) {
                missing.add(w);
            } else {
                used[found] = true;
            }
        }
        return missing.isEmpty() ? null
                : missing.size() + " " + what + ": " + missing + "; wanted " + Arrays.toString(wanted) + " among "
                        + Arrays.toString(among);
    }

    static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static double[] sorted(long[] nanos) {
        return Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
    }

    /** The pauses since the agent started, from NumPauses and the ring PauseNs (Go's layout). */
    static long[] recentPauses(String json) {
        Matcher count = Pattern.compile("\"NumPauses\":\\s*(\\d+)").matcher(json);
        Matcher ring = Pattern.compile("\"PauseNs\":\\s*\\[([0-9,\\s]*)\\]").matcher(json);
        assertTrue(count.find() && ring.find(), json);
        int n = Integer.parseInt(count.group(1));
        String[] values = ring.group(1).split(",");
        long[] pauses = new long[Math.min(n, values.length)];
        for (int i = 0; i < pauses.length; i++) {
            pauses[i] = Long.parseLong(values[i].trim());
        }
        return pauses;
    }

    /** Per GC id, the sum of its pauses in the log (a concurrent cycle pauses more than once). */
    static List<Double> loggedPausesMs(Path log, double fromSeconds) throws IOException {
        Map<Integer, Double> byId = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LOGGED_PAUSE.matcher(line);
            if (m.find() && Double.parseDouble(m.group(1)) >= fromSeconds) {
                byId.merge(Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return new ArrayList<>(byId.values());
    }
}
