package dev.pprof4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.profile.Granularity;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reports of profiles built in code against golden files that {@code go tool pprof} printed
 * for the same profiles. Regenerate them with
 * {@code mvn -pl pprof4j-report -am test -Dtest=ReportGoldenTest -Dpprof4j.updateGoldens=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (needs Go); they live in
 * src/test/resources/dev/pprof4j/report/golden/, named after profile and flags.
 */
class ReportGoldenTest {
    private static final Path GOLDEN_DIR = Path.of("src/test/resources/dev/pprof4j/report/golden");

    record Case(String profileName, Supplier<Profile> profile, List<String> goArgs, Consumer<ReportConfig> config) {
        String goldenName() {
            return profileName + String.join("", goArgs).replace("-", ".").replace("=", "_").replaceAll("[^A-Za-z0-9._]", "") + ".golden";
        }

        @Override
        public String toString() {
            return profileName + " " + String.join(" ", goArgs);
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (var p : List.<Object[]>of(
                new Object[] {"calls", (Supplier<Profile>) ReportGoldenTest::calls},
                new Object[] {"heap", (Supplier<Profile>) ReportGoldenTest::heap},
                new Object[] {"cpu", (Supplier<Profile>) ReportGoldenTest::cpu})) {
            String name = (String) p[0];
            @SuppressWarnings("unchecked")
            Supplier<Profile> s = (Supplier<Profile>) p[1];
            cases.add(new Case(name, s, List.of("-top"), c -> c.format = ReportFormat.TOP));
            cases.add(new Case(name, s, List.of("-top", "-cum"), c -> {
                c.format = ReportFormat.TOP;
                c.cumSort = true;
            }));
            cases.add(new Case(name, s, List.of("-top", "-nodecount=3"), c -> {
                c.format = ReportFormat.TOP;
                c.nodeCount = 3;
            }));
            cases.add(new Case(name, s, List.of("-traces"), c -> c.format = ReportFormat.TRACES));
            cases.add(new Case(name, s, List.of("-tree"), c -> c.format = ReportFormat.TREE));
            cases.add(new Case(name, s, List.of("-top", "-lines"), c -> {
                c.format = ReportFormat.TOP;
                c.granularity = Granularity.LINES;
            }));
            cases.add(new Case(name, s, List.of("-top", "-unit=ms"), c -> {
                c.format = ReportFormat.TOP;
                c.unit = "ms";
            }));
        }
        cases.add(new Case("heap", ReportGoldenTest::heap, List.of("-top", "-sample_index=0"), c -> {
            c.format = ReportFormat.TOP;
            c.sampleIndex = "0";
        }));
        cases.add(new Case("heap", ReportGoldenTest::heap, List.of("-traces", "-sample_index=alloc_space"), c -> {
            c.format = ReportFormat.TRACES;
            c.sampleIndex = "alloc_space";
        }));
        cases.add(new Case("calls", ReportGoldenTest::calls, List.of("-peek=^a$"), c -> {
            c.format = ReportFormat.PEEK;
            c.peekRegex = "^a$";
        }));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoToolPprof(Case c) throws IOException {
        Path golden = GOLDEN_DIR.resolve(c.goldenName());
        if (Boolean.getBoolean("pprof4j.updateGoldens")) {
            Path file = Files.createTempFile("golden", ".pb.gz");
            try {
                ProfileEncoder.writeGzip(c.profile().get(), file);
                List<String> args = new ArrayList<>(c.goArgs());
                args.add(file.toString());
                Files.createDirectories(GOLDEN_DIR);
                Files.writeString(golden, GoPprof.run(args.toArray(String[]::new)), StandardCharsets.UTF_8);
            } finally {
                Files.delete(file);
            }
        }
        String expected;
        try (InputStream in = ReportGoldenTest.class.getResourceAsStream("golden/" + c.goldenName())) {
            expected = in == null ? Files.readString(golden) : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ReportConfig config = new ReportConfig();
        c.config().accept(config);
        StringBuilder out = new StringBuilder();
        Reports.text(c.profile().get(), config, out);
        assertEquals(expected, out.toString(), c.toString());
    }

    /** Calls with recursion and an inlined frame; counts. */
    static Profile calls() {
        return new TestProfile("samples", "count")
                .sample(10, "c", "b", "a", "main")
                .sample(20, "b", "a", "main")
                .sample(5, "a:3", "a:7", "main")
                .sample(1, "main")
                .sample(4, "d|b", "a", "main")
                .sample(3, "x", "main")
                .profile;
    }

    /** A heap profile: four sample types, values from bytes to megabytes, many small nodes. */
    static Profile heap() {
        TestProfile t = new TestProfile("alloc_objects", "count", "alloc_space", "bytes",
                "inuse_objects", "count", "inuse_space", "bytes");
        t.profile.periodType = new dev.pprof4j.profile.ValueType("space", "bytes");
        t.profile.period = 524288;
        t.sample(new long[] {100, 50 << 20, 10, 5 << 20}, "big.alloc:10", "big.caller", "main");
        t.sample(new long[] {1000, 3 << 20, 0, 0}, "churn:5", "big.caller", "main");
        t.sample(new long[] {7, 7 * 1024, 7, 7 * 1024}, "small.one", "main");
        for (int i = 0; i < 40; i++) {
            t.sample(new long[] {i + 1, (i + 1) * 512L, i % 3, (i % 3) * 512L}, "tiny.f" + i, "helper", "main");
        }
        return t.profile;
    }

    /** A CPU profile with a duration, nanoseconds, and a numeric label. */
    static Profile cpu() {
        TestProfile t = new TestProfile("samples", "count", "cpu", "nanoseconds");
        t.profile.periodType = new dev.pprof4j.profile.ValueType("cpu", "nanoseconds");
        t.profile.period = 10_000_000;
        t.profile.durationNanos = 30_012_345_678L;
        t.sample(new long[] {250, 2_500_000_000L}, "runtime.memmove", "app.copy", "app.run", "main");
        t.sample(new long[] {120, 1_200_000_000L}, "app.hash", "app.run", "main");
        t.sample(new long[] {3, 30_000_000L}, "app.log", "main");
        t.sample(new long[] {1, 10_000_000L}, "app.rare", "app.run", "main");
        t.profile.samples.get(1).addLabel("thread", "worker-1");
        t.profile.samples.get(1).addNumLabel("request", 4096, null);
        return t.profile;
    }
}
