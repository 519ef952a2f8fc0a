package dev.pprof4j.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.pprof4j.report.http.AgentAuth;
import dev.pprof4j.report.http.AgentFetch;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.ShapedTrafficService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The leak hunt's calibration over real processes: a child JVM with the agent
 * ({@link ShapedTrafficService}) or a Go service with its own net/http/pprof ({@code
 * goshapes/main.go}) runs one traffic shape with random timing, and {@code pprof4j leaks} hunts
 * it live (8 rounds of 1 s) and, on the JVM, over the agent's history right after ({@code
 * --since 8s} at {@code history=1s}): the windows of {@code LeakCriteriaCalibrationTest}'s
 * "live hunt, 8 rounds" and "--since, 8 snapshots". A hunt judges the heap a leak when it names
 * a heap finding (at the leaking site where there is one), threads when it names a thread
 * finding. {@link #main} runs every cell N times and prints the detection table with each
 * rate's binomial sigma (bench/leak-calibration.sh); {@code LeakCalibrationIT} runs a few cells
 * once.
 */
final class LeakCalibration {
    static final int ROUNDS = 8;
    /** The window the services lay their shapes over: 8 rounds of 1 s take about 10 s with their fetches. */
    static final long WINDOW_MILLIS = 10_000;
    /**
     * The sampler's period held at 512 KiB (the synthetic model's); a round's class histogram
     * stops the world for a full GC, which on a loaded machine can pass the default 5 % of
     * wall time and end the hunt with 429, so the calibration allows 30 %.
     */
    static final String AGENT_OPTIONS = "port=0,history=1s,memprofilebudget=0,stwbudget=30";
    /** A small young generation and an early marking threshold, so that the history's windows hold old collections. */
    static final String[] JVM = {"-Xms64m", "-Xmx512m", "-XX:NewSize=8m", "-XX:MaxNewSize=8m", "-XX:+UseG1GC",
        "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=5"};
    static final List<String> SHAPES = List.of("steady", "bursty", "ramp", "burst-silence", "flat", "gc", "cache", "pool");
    private static final Duration START = Duration.ofSeconds(90);

    enum Runtime { JAVA, GO }

    enum Hunt { LIVE, SINCE }

    static boolean leaks(String shape) {
        return List.of("steady", "bursty", "ramp", "burst-silence").contains(shape);
    }

    /**
     * What one hunt said of one run.
     *
     * @param heap a heap finding (for a leaking shape: at its leaking site)
     * @param threads a thread finding (for a leaking shape: of its leaking creator)
     * @param sites every finding's site, for the record
     */
    record Verdict(Runtime runtime, String shape, Hunt hunt, long seed, int exit, boolean heap, boolean threads,
            List<String> sites) {
        @Override
        public String toString() {
            return runtime + " " + shape + " " + hunt + " seed " + seed + ": exit " + exit + " heap " + heap
                    + " threads " + threads + " " + sites;
        }
    }

    private LeakCalibration() {
    }

    /** Runs {@code shape} once on {@code runtime} and hunts it live, then (on the JVM) over its history. */
    static List<Verdict> run(Runtime runtime, String shape, long seed) throws Exception {
        List<Verdict> out = new ArrayList<>();
        if (runtime == Runtime.GO) {
            try (GoLeakService service = GoLeakService.start("goshapes", shape, String.valueOf(WINDOW_MILLIS),
                    String.valueOf(seed))) {
                out.add(hunt(runtime, shape, Hunt.LIVE, seed, "--rounds", String.valueOf(ROUNDS), "--interval", "1s",
                        service.address));
            }
            return out;
        }
        // The service alone on its class path: the agent's classes come from the agent jar only.
        String classPath = Path.of(ShapedTrafficService.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        try (ChildJvm service = ChildJvm.builder(ShapedTrafficService.class.getName()).jvmArg(JVM).classPath(classPath)
                .agent(ChildJvm.agentJar(), AGENT_OPTIONS).args(shape, String.valueOf(WINDOW_MILLIS), String.valueOf(seed))
                .start()) {
            String base = service.awaitPprofUrl(START);
            service.await(Pattern.compile("^traffic$", Pattern.MULTILINE), START);
            out.add(hunt(runtime, shape, Hunt.LIVE, seed, "--rounds", String.valueOf(ROUNDS), "--interval", "1s", base));
            // ROUNDS rounds span ROUNDS - 1 intervals: on a quiet machine the history holds just
            // short of ROUNDS seconds when the live hunt ends, and the agent refuses a longer since=.
            Thread.sleep(1500);
            out.add(hunt(runtime, shape, Hunt.SINCE, seed, "--since", ROUNDS + "s", base));
            keepHistory(shape, seed, base);
        }
        return out;
    }

    private static Verdict hunt(Runtime runtime, String shape, Hunt hunt, long seed, String... target) {
        List<String> args = new ArrayList<>(List.of("leaks", "--format", "json"));
        args.addAll(List.of(target));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        keepReport(runtime, shape, hunt, seed, text + err.toString(StandardCharsets.UTF_8));
        if (exit != 0 && exit != 3) {
            throw new IllegalStateException(runtime + " " + shape + " " + hunt + ": exit " + exit + ": "
                    + err.toString(StandardCharsets.UTF_8) + text);
        }
        boolean leaking = leaks(shape);
        String heapSite = runtime == Runtime.JAVA ? "ShapedTrafficService.remember" : "main.remember";
        String threadSite = runtime == Runtime.JAVA ? "ShapedTrafficService.openConnection" : "main.openConnection";
        boolean heap = false;
        boolean threads = false;
        List<String> sites = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            String kind = f.get("kind").getAsString();
            String site = f.get("site").getAsString();
            sites.add(kind + " " + site + " " + f.get("values"));
            if (kind.equals("threads")) {
                threads |= !leaking || site.contains(threadSite);
            } else {
                heap |= !leaking || site.contains(heapSite);
            }
        }
        return new Verdict(runtime, shape, hunt, seed, exit, heap, threads, sites);
    }

    /**
     * Keeps the hunt's whole report (JSON, then its stderr) under the directory the system
     * property {@code pprof4j.calibration.reports} names, if any, so that a run the table counts
     * as wrong can be read afterwards: its series, notes and criteria.
     */
    private static void keepReport(Runtime runtime, String shape, Hunt hunt, long seed, String report) {
        String dir = System.getProperty("pprof4j.calibration.reports");
        if (dir == null || dir.isEmpty()) {
            return;
        }
        String name = String.format(Locale.ROOT, "%s-%s-%s-seed%d.txt", runtime, shape, hunt, seed).toLowerCase(Locale.ROOT);
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name), report);
        } catch (IOException e) {
            System.err.println("calibration: cannot keep " + name + ": " + e.getMessage());
        }
    }

    /**
     * Beside the kept reports, the agent's whole history of the run (both hunts' windows), which
     * replays through {@code HistorySnapshots.parse} and the detector to see why a site was or
     * was not judged a leak.
     */
    private static void keepHistory(String shape, long seed, String base) {
        String dir = System.getProperty("pprof4j.calibration.reports");
        if (dir == null || dir.isEmpty()) {
            return;
        }
        String name = String.format(Locale.ROOT, "java-%s-seed%d.history", shape, seed);
        try {
            AgentFetch.Answer history = AgentFetch.get(URI.create(base + "/debug/pprof/history"),
                    AgentAuth.NONE, Duration.ofSeconds(30), 64L << 20);
            Files.write(Path.of(dir, name), history.body());
        } catch (IOException | RuntimeException e) {
            System.err.println("calibration: cannot keep " + name + ": " + e.getMessage());
        }
    }

    /** {@code k} of {@code n} as a percentage with its binomial sigma, e.g. {@code 90 % ± 7}. */
    static String rate(int k, int n) {
        double p = (double) k / n;
        return String.format(Locale.ROOT, "%.0f %% ± %.0f", 100 * p, 100 * Math.sqrt(p * (1 - p) / n));
    }

    /**
     * Usage: {@code LeakCalibration RUNS [java|go|both] [PARALLEL] [SHAPE...]}. Prints each run's
     * verdicts to stderr as they come and the table to stdout.
     */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String which = args.length > 1 ? args[1] : "both";
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<String> shapes = args.length > 3 ? List.of(args).subList(3, args.length) : SHAPES;
        List<Runtime> runtimes = which.equals("both") ? List.of(Runtime.JAVA, Runtime.GO)
                : List.of(Runtime.valueOf(which.toUpperCase(Locale.ROOT)));
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<List<Verdict>>> futures = new ArrayList<>();
        // Another batch of the same cells takes other seeds (bench: FIRST_SEED=).
        long seed = Long.getLong("pprof4j.calibration.firstSeed", 1);
        for (int run = 0; run < runs; run++) {
            for (String shape : shapes) {
                for (Runtime runtime : runtimes) {
                    long s = seed++;
                    futures.add(pool.submit(() -> {
                        try {
                            List<Verdict> v = run(runtime, shape, s);
                            v.forEach(System.err::println);
                            return v;
                        } catch (Exception | AssertionError e) {
                            // A run that could not be judged is left out of the table, and said.
                            System.err.println(runtime + " " + shape + " seed " + s + ": not judged: " + e);
                            return List.<Verdict>of();
                        }
                    }));
                }
            }
        }
        List<Verdict> all = new ArrayList<>();
        for (Future<List<Verdict>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%d runs judged of %d (%s)%n", all.stream().filter(v -> v.hunt() == Hunt.LIVE).count(),
                futures.size(), runtimes);
        System.out.println("| shape | should be | process | hunt | runs | heap judged a leak | threads judged a leak |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String shape : shapes) {
            for (Runtime runtime : runtimes) {
                for (Hunt hunt : Hunt.values()) {
                    List<Verdict> cell = all.stream()
                            .filter(v -> v.shape().equals(shape) && v.runtime() == runtime && v.hunt() == hunt).toList();
                    if (cell.isEmpty()) {
                        continue;
                    }
                    int n = cell.size();
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s |%n", shape,
                            leaks(shape) ? "leak" : "no leak", runtime == Runtime.JAVA ? "JVM" : "Go",
                            hunt == Hunt.LIVE ? "live, " + ROUNDS + " rounds" : "`--since " + ROUNDS + "s`", n,
                            rate((int) cell.stream().filter(Verdict::heap).count(), n),
                            rate((int) cell.stream().filter(Verdict::threads).count(), n));
                }
            }
        }
    }
}
