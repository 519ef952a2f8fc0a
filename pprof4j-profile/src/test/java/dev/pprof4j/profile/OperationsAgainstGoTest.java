package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Merge, -base, -diff_base, drop_frames and the name filters, each checked against what the
 * real {@code go tool pprof -raw} prints for the same files and flags. Our side follows go's
 * driver order: merge the sources, combine with the base, drop_frames, then the filters.
 */
class OperationsAgainstGoTest {
    @TempDir
    static Path dir;
    static Path a;
    static Path b;
    static Path inlined;
    static Path dropping;

    @BeforeAll
    static void writeProfiles() throws IOException {
        Profile pa = TestProfiles.large(21, 1500, 120);
        // b shares a's stacks (a copy), some samples doubled, some gone, some new ones.
        Profile pb = pa.copy();
        pb.samples.removeIf(s -> s.values[1] % 3 == 0);
        for (Sample s : pb.samples) {
            if (s.values[1] % 5 == 0) {
                s.values[0] *= 2;
                s.values[1] *= 2;
            }
        }
        pb.samples.addAll(TestProfiles.large(22, 300, 120).samples);
        pb.timeNanos += 1_000_000_000L;
        pb.comments.add("second snapshot");
        a = write(pa, "a.pb.gz");
        b = write(pb, "b.pb.gz");
        inlined = write(TestProfiles.everyField(), "inlined.pb.gz");
        Profile pd = TestProfiles.large(23, 800, 60);
        pd.dropFrames = "com\\.example\\.pkg1\\..*|com\\.example\\.pkg2\\.Class2\\.method2";
        pd.keepFrames = ".*method1";
        dropping = write(pd, "dropping.pb.gz");
    }

    private static Path write(Profile p, String name) throws IOException {
        Path file = dir.resolve(name);
        ProfileEncoder.writeGzip(p, file);
        return file;
    }

    /** Each case: a name, go's flags, sources, base, and ours (focus, ignore, hide, show, show_from, prune_from). */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("merge", List.of(), "a,b", null, false),
                c("base", List.of("-base"), "a", "b", false),
                c("diff_base", List.of("-diff_base"), "a", "b", true),
                c("base on itself", List.of("-base"), "a", "a", false),
                c("drop_frames and keep_frames", List.of(), "dropping", null, false),
                c("focus", List.of("-focus=pkg1[0-9]\\."), "a", null, false),
                c("ignore", List.of("-ignore=method[0-9]*7$"), "a", null, false),
                c("focus and ignore", List.of("-focus=pkg3", "-ignore=Class4"), "a,b", null, false),
                c("hide", List.of("-hide=pkg[0-4]\\."), "a", null, false),
                c("show", List.of("-show=pkg(2|5)"), "a", null, false),
                c("hide inlined frames", List.of("-hide=grow"), "inlined", null, false),
                c("show a mapping file", List.of("-show=libother"), "inlined", null, false),
                c("show_from", List.of("-show_from=Class1[0-9]\\."), "a", null, false),
                c("prune_from", List.of("-prune_from=pkg7\\."), "a", null, false),
                c("focus on a base diff", List.of("-base", "-focus=pkg2"), "a", "b", false));
    }

    private static Arguments c(String name, List<String> flags, String sources, String base, boolean diff) {
        return Arguments.of(name, flags, sources, base, diff);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameSamplesAsGoToolPprof(String name, List<String> flags, String sources, String base, boolean diff)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-raw", "-symbolize=none"));
        String baseFlag = null;
        for (String f : flags) {
            if (f.equals("-base") || f.equals("-diff_base")) {
                baseFlag = f;
            } else {
                args.add(f);
            }
        }
        if (baseFlag != null) {
            args.add(baseFlag);
            args.add(file(base).toString());
        }
        List<Profile> inputs = new ArrayList<>();
        for (String s : sources.split(",")) {
            args.add(file(s).toString());
            inputs.add(ProfileDecoder.read(file(s)));
        }
        GoRawProfile go = GoRawProfile.parse(GoPprof.run(args.toArray(String[]::new)));

        Profile p = Merger.merge(inputs);
        if (base != null) {
            Profile bp = Merger.merge(List.of(ProfileDecoder.read(file(base))));
            p = diff ? Difference.diffBase(p, bp) : Difference.subtract(p, bp);
        }
        FramePruner.removeUninteresting(p);
        NameFilter.filter(p, flag(flags, "-focus="), flag(flags, "-ignore="), flag(flags, "-hide="),
                flag(flags, "-show="));
        Pattern showFrom = flag(flags, "-show_from=");
        if (showFrom != null) {
            NameFilter.showFrom(p, showFrom);
        }
        Pattern pruneFrom = flag(flags, "-prune_from=");
        if (pruneFrom != null) {
            FramePruner.pruneFrom(p, pruneFrom);
        }
        if (!name.equals("base on itself")) {
            assertFalse(go.samples.isEmpty(), "the case should leave samples to compare");
        }
        assertEquals(go.samples, GoRawProfile.canonicalSamples(p));
        assertEquals(go.header.stream().filter(h -> !h.startsWith("Time:")).toList(),
                header(p).stream().filter(h -> !h.startsWith("Time:")).toList());
    }

    private static Path file(String name) {
        return switch (name) {
            case "a" -> a;
            case "b" -> b;
            case "inlined" -> inlined;
            case "dropping" -> dropping;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Pattern flag(List<String> flags, String prefix) {
        return flags.stream().filter(f -> f.startsWith(prefix)).findFirst()
                .map(f -> Pattern.compile(f.substring(prefix.length()))).orElse(null);
    }

    /** The header lines go's -raw prints before "Samples:", from our profile. */
    private static List<String> header(Profile p) {
        List<String> h = new ArrayList<>();
        for (String c : p.comments) {
            h.add("Comment: " + c);
        }
        ValueType pt = p.periodType == null ? new ValueType("", "") : p.periodType;
        h.add("PeriodType: " + pt.type() + " " + pt.unit());
        h.add("Period: " + p.period);
        if (p.durationNanos != 0) {
            h.add("Duration: " + goDuration(p.durationNanos));
        }
        return h;
    }

    private static String goDuration(long nanos) {
        // time.Duration's String for whole seconds: 30s, 1m0s, 2h0m5s.
        long s = nanos / 1_000_000_000L;
        long h = s / 3600;
        long m = s % 3600 / 60;
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s % 60 + "s";
    }
}
