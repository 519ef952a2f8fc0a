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
import java.util.regex.Matcher;
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
            // The holder view: each site's delay on the critical section that held its lock (the rest
            // of waitShort/waitLong after the lock is taken), most of it in holdShort/holdLong.
            DelayTop holders = run.top("mutex");
            run.checkHolders("waitShort", "holdShort", holders);
            run.checkHolders("waitLong", "holdLong", holders);
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
    void virtualThreadsMatchTheTruth() throws IOException {
        assumeTrue(ChildJvm.feature() >= 21, "virtual threads are JDK 21+");
        // A virtual thread that parks on a j.u.c. lock or queue unmounts instead of calling
        // Unsafe.park: those waits are timed from its unmount to its mount. Every contention is kept
        // for mutex: the short monitor's waits on virtual threads are so uneven (a few waiters starve
        // for long) that one in 2 would need a run of 20 s and more for a 4-sigma bound of 25 %.
        run("virtual", 15, 1, run -> {
            run.checkBlock(List.of("waitShort", "waitShortMonitor", "waitLong", "waitQueue", "waitNotify"));
            run.checkMutexWaiters(List.of("waitShort", "waitShortMonitor", "waitLong"));
            DelayTop block = run.top("block");
            assertTrue(block.text.contains("virtual threads' parks"), block.text);
            // Thread.sleep parks a virtual thread without a blocker: not a block event, as on platform threads.
            assertEquals(0, block.cumNanos(WORKLOAD + "pause"), "sleeps counted as blocking:\n" + block.text);
            // The holder view: a ReentrantLock held by a virtual thread names its holder (its
            // exclusiveOwnerThread, whose stack JVMTI reads mounted or not); a monitor held by one
            // has no owner in JVMTI on JDK 25, and its delay goes to the frame that says so.
            DelayTop holders = run.top("mutex");
            run.checkHolders("waitShort", "holdShort", holders);
            long monitors = run.truth("waitLong").nanos + run.truth("waitShortMonitor").nanos;
            long unnamed = holders.cumNanos(ContentionProfiles.HOLDER_UNNAMED);
            assertTrue(unnamed >= 0.5 * monitors, "monitors held by virtual threads: " + unnamed
                    + " ns under the unnamed holder of the waiters' " + monitors + " ns:\n" + holders.text);
        });
    }

    @Test
    void heavilyContendedMonitorAtTheDefaults() throws IOException {
        // Thousands of contended enters a second at the agent's defaults (mutexprofilefraction not
        // given: holders' stacks limited to 20 a second): block within its bound, and the holders
        // taken near that limit over the run (room left for the first seconds' ramp).
        long started = System.nanoTime();
        run("hot", 6, -1, run -> {
            run.checkBlock(List.of("waitHotMonitor"));
            DelayTop holders = run.top("mutex");
            double seconds = (System.nanoTime() - started) / 1e9;
            Matcher taken = Pattern.compile("; (\\d+) taken so far").matcher(holders.text);
            assertTrue(taken.find(), holders.text);
            long limit = Math.round(ContentionSettings.DEFAULT_HOLDERS_PER_SECOND * seconds) + 100;
            System.out.printf(Locale.ROOT, "holders' stacks on JDK %d: %s taken in %.1f s (at most %d)%n",
                    ChildJvm.feature(), taken.group(1), seconds, limit);
            assertTrue(Long.parseLong(taken.group(1)) <= limit, "holders' stacks taken in " + seconds + " s: "
                    + taken.group(1) + ", more than " + limit + ":\n" + holders.text);
        });
    }

    @Test
    void asyncProfilerEngineMatchesTheTruthOnLongWaits() throws IOException {
        // contentionengine=async-profiler: async-profiler's lock engine (lock=blockprofilerate), which
        // sees monitors and ReentrantLock parks, scaled by pprof4j as Go scales block events.
        run("platform", 12, 1, "contentionengine=async-profiler", run -> {
            DelayTop block = run.top("block");
            assertTrue(block.text.contains("engine: async-profiler") && block.text.contains("lock=" + RATE + "ns"),
                    block.text);
            run.within("async-profiler block: waitLong", block.cumNanos(WORKLOAD + "waitLong"), run.truth("waitLong"),
                    run.truth("waitLong").sigmaBlock);
            long shortSite = block.cumNanos(WORKLOAD + "waitShort");
            System.out.printf(Locale.ROOT, "async-profiler block: waitShort %.3f s of a truth of %.3f s%n", shortSite / 1e9,
                    run.truth("waitShort").nanos / 1e9);
            // Not seen by that engine: Object.wait, and the queue's condition waits.
            assertEquals(0, block.cumNanos(WORKLOAD + "waitNotify"), block.text);
            DelayTop waiters = run.top("mutex?view=waiter");
            assertTrue(waiters.cumNanos(WORKLOAD + "waitLong") > 0, waiters.text);
            String text = Http.get(run.url + "/debug/pprof/mutex?debug=1").text();
            assertTrue(text.startsWith("--- mutex:\ncycles/second=1000000000\nsampling period=1\n"), text);
            // async-profiler's one session is taken: CPU profiles come from JFR, and are served.
            Http.Response profile = Http.get(run.url + "/debug/pprof/profile?seconds=1");
            assertEquals(200, profile.status(), profile.text());
            Path cpu = dir.resolve("async-cpu.pb.gz");
            Files.write(cpu, profile.body());
            String top = GoPprof.run("-top", cpu.toString());
            assertTrue(top.contains("engine: jfr"), top);
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
            return truths.get(site);
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

        /**
         * The holder view charges the site's delay to the stacks that held its lock: the critical
         * section in {@code site} (its cum, within 25 % of the waiters' truth: every contention is
         * kept) and the hold method named for a good part of it (a loaded machine stops holders
         * between lock() and the hold method too, and those stacks stand in the site itself).
         */
        void checkHolders(String site, String hold, DelayTop holders) {
            within("mutex holder view: " + site, holders.cumNanos(WORKLOAD + site), truth(site), truth(site).sigmaMutex);
            long held = holders.cumNanos(WORKLOAD + hold);
            assertTrue(held >= 0.25 * truth(site).nanos, hold + " held the lock for " + held + " ns of the waiters' "
                    + truth(site).nanos + " ns:\n" + holders.text);
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
        run(mode, seconds, fraction, null, checks);
    }

    /** {@code fraction} -1: mutexprofilefraction not given, the agent's default. */
    private void run(String mode, int seconds, int fraction, String options, Checks checks) throws IOException {
        Path truthFile = dir.resolve(mode + "-truth.txt");
        int kept = fraction < 0 ? ContentionSettings.DEFAULT_MUTEX_FRACTION : fraction;
        try (ChildJvm app = ChildJvm.builder(ContentionTruthWorkload.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,blockprofilerate=" + RATE
                        + (fraction < 0 ? "" : ",mutexprofilefraction=" + fraction) + (options == null ? "" : "," + options))
                .args(mode, String.valueOf(seconds), truthFile.toString(), String.valueOf(RATE), String.valueOf(kept))
                .start()) {
            String url = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("truth written"), Duration.ofSeconds(3L * seconds + 120L));
            Run run = new Run(url, mode, kept);
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
