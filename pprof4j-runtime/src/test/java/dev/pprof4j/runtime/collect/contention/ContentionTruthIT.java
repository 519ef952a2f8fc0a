package dev.pprof4j.runtime.collect.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /debug/pprof/block} and {@code /debug/pprof/mutex} against {@link ContentionTruthWorkload},
 * read through the real {@code go tool pprof -sample_index=delay -top}: each site's delay within
 * ±25 % of the blocked time its waiters measured, short waits (100–400 µs holds) and long ones
 * (20–60 ms) alike, and the mutex profile's holder view naming the holding methods. The runs
 * are sized so that 25 % is at least 4 standard errors of the sampling (asserted, and printed).
 */
class ContentionTruthIT {
    /** Go's block rate as the agent's default. */
    static final long RATE = ContentionSettings.DEFAULT_BLOCK_RATE;
    static final String WORKLOAD = ContentionTruthWorkload.class.getName() + ".";

    @TempDir
    Path dir;

    @Test
    void platformThreadsBlockAndMutexMatchTheTruth() throws IOException {
        // Every contention kept for mutex, as on virtual threads: at one in 2 the short site's
        // uneven waits left a quiet CI machine's 36 s run short of a 4-sigma bound (sigma 7.3 %).
        run("platform", 12, 1, run -> {
            run.checkBlock(List.of("waitShort", "waitLong", "waitQueue", "waitNotify"));
            run.checkMutexWaiters(List.of("waitShort", "waitLong"));
            // The holder view: the short site's delay on the method that held the ReentrantLock, the
            // long site's on the one that held the monitors.
            DelayTop holders = run.top("mutex");
            long holdShort = holders.cumNanos(WORKLOAD + "holdShort");
            long holdLong = holders.cumNanos(WORKLOAD + "holdLong");
            assertTrue(holdShort >= 0.5 * run.truth("waitShort").nanos, "holdShort held the ReentrantLock for "
                    + holdShort + " ns of the waiters' " + run.truth("waitShort").nanos + " ns:\n" + holders.text);
            run.within("mutex holder view: holdLong", holdLong, run.truth("waitLong"), run.truth("waitLong").sigmaMutex);
            // A delta over a second after the workload stopped: served, read by pprof, and empty of its sites.
            for (String delta : List.of("block?seconds=1", "mutex?seconds=1&view=waiter")) {
                Http.Response response = Http.get(run.url + "/debug/pprof/" + delta);
                assertEquals(200, response.status(), delta + ": " + response.text());
                Path file = dir.resolve(delta.replaceAll("\\W", "_") + ".pb.gz");
                Files.write(file, response.body());
                DelayTop top = new DelayTop(GoPprof.run("-sample_index=delay", "-top", file.toString()));
                assertEquals(0, top.cumNanos(WORKLOAD + "waitLong"), delta + ":\n" + top.text);
            }
        });
    }

    @Test
    void virtualThreadsMonitorsMatchTheTruth() throws IOException {
        assumeTrue(ChildJvm.feature() >= 21, "virtual threads are JDK 21+");
        // Monitors only: a virtual thread that parks on a j.u.c. lock unmounts instead of calling
        // Unsafe.park, and the profiles' comments say so. Every contention is kept for mutex: the
        // short monitor's waits on virtual threads are so uneven (a few waiters starve for long)
        // that one in 2 would need a run of 20 s and more for a 4-sigma bound of 25 %.
        run("virtual", 15, 1, run -> {
            run.checkBlock(List.of("waitShortMonitor", "waitLong", "waitNotify"));
            run.checkMutexWaiters(List.of("waitShortMonitor", "waitLong"));
        });
    }

    /** One site's truth: total blocked nanoseconds and the samplers' standard errors for it. */
    record Truth(long nanos, double sigmaBlock, double sigmaMutex, long waits) {
    }

    final class Run {
        final Map<String, Truth> truths = new LinkedHashMap<>();
        final String url;
        final String label;
        final int fraction;

        Run(String url, String label, int fraction) {
            this.url = url;
            this.label = label;
            this.fraction = fraction;
        }

        Truth truth(String site) {
            return truths.get(site.equals("waitShortMonitor") ? "waitShort" : site);
        }

        DelayTop top(String profile) throws IOException {
            Path file = dir.resolve(label + "-" + profile.replaceAll("\\W", "_") + ".pb.gz");
            Http.Response response = Http.get(url + "/debug/pprof/" + profile);
            assertEquals(200, response.status(), profile + ": " + response.text());
            Files.write(file, response.body());
            return new DelayTop(GoPprof.run("-sample_index=delay", "-top", file.toString()));
        }

        void checkBlock(List<String> sites) throws IOException {
            DelayTop block = top("block");
            assertTrue(block.text.contains("blockprofilerate=" + RATE), block.text);
            for (String site : sites) {
                within("block: " + site, block.cumNanos(WORKLOAD + site), truth(site), truth(site).sigmaBlock);
            }
            String text = Http.get(url + "/debug/pprof/block?debug=1").text();
            assertTrue(text.startsWith("--- contention:\ncycles/second=1000000000\n"), text);
        }

        void checkMutexWaiters(List<String> sites) throws IOException {
            DelayTop waiters = top("mutex?view=waiter");
            for (String site : sites) {
                within("mutex waiter view: " + site, waiters.cumNanos(WORKLOAD + site), truth(site),
                        truth(site).sigmaMutex);
            }
            // Go's text, whose values pprof multiplies by the sampling period, reads the same.
            Path text = dir.resolve(label + "-mutex.txt");
            Files.writeString(text, Http.get(url + "/debug/pprof/mutex?debug=1").text());
            assertTrue(Files.readString(text).startsWith("--- mutex:\ncycles/second=1000000000\nsampling period="
                    + fraction + "\n"), Files.readString(text));
            long fromText = new DelayTop(GoPprof.run("-sample_index=delay", "-top", text.toString())).totalNanos();
            long fromProto = top("mutex").totalNanos();
            assertTrue(Math.abs(fromText - fromProto) <= 0.01 * fromProto,
                    "mutex debug=1 read by pprof: " + fromText + " ns, the protobuf: " + fromProto + " ns");
        }

        void within(String what, long measured, Truth truth, double sigma) {
            String message = String.format(Locale.ROOT, "%s on JDK %d (%s threads): %.3f s against a truth of %.3f s"
                    + " (%d waits), ratio %.3f; sampling sigma %.3f s (%.1f %%)", what, ChildJvm.feature(), label,
                    measured / 1e9, truth.nanos / 1e9, truth.waits, (double) measured / truth.nanos, sigma / 1e9,
                    100 * sigma / truth.nanos);
            System.out.println(message);
            assertTrue(4 * sigma <= 0.25 * truth.nanos, "run too small for a 4-sigma bound: " + message);
            assertTrue(Math.abs(measured - truth.nanos) <= 0.25 * truth.nanos, message);
        }
    }

    interface Checks {
        void check(Run run) throws IOException;
    }

    /** Runs the workload in a child JVM with the agent and checks its profiles while it still serves. */
    private void run(String mode, int seconds, int fraction, Checks checks) throws IOException {
        Path truthFile = dir.resolve(mode + "-truth.txt");
        try (ChildJvm app = ChildJvm.builder(ContentionTruthWorkload.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,blockprofilerate=" + RATE + ",mutexprofilefraction=" + fraction)
                .args(mode, String.valueOf(seconds), truthFile.toString(), String.valueOf(RATE), String.valueOf(fraction))
                .start()) {
            String url = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("truth written"), Duration.ofSeconds(3L * seconds + 120L));
            Run run = new Run(url, mode, fraction);
            for (String line : Files.readAllLines(truthFile)) {
                String[] f = line.split(" ");
                run.truths.put(f[0], new Truth(Long.parseLong(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Long.parseLong(f[4])));
            }
            assertTrue(!app.output().contains("Re-registering"), "HotSpot's warning reached the application's output:\n"
                    + app.output());
            checks.check(run);
        }
    }
}
