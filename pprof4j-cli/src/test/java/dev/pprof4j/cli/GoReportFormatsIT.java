package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ExternalTool;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * go tool pprof's -topproto, -gif and -ps against the real go tool pprof, and its machine-code
 * flags (-disasm, -intel_syntax) refused with why.
 */
class GoReportFormatsIT {
    static Stream<List<String>> topprotoCases() {
        String heap = GoProfiles.path("heap2.pb.gz");
        String heap1 = GoProfiles.path("heap1.pb.gz");
        String cpu = GoProfiles.path("cpu.pb.gz");
        return Stream.of(
                List.of(heap),
                List.of("-unit=ms", cpu),
                List.of("-cum", "-nodecount=5", cpu),
                List.of("-sample_index=alloc_space", "-base", heap1, heap),
                List.of("-mean", "-sample_index=alloc_space", heap),
                List.of("-divide_by=3", "-focus=main", heap),
                List.of(SyntheticProfile.path()));
    }

    /** -topproto's profile, decoded by go tool pprof -raw, is the one go tool pprof writes: same rows, values, units. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("topprotoCases")
    void topprotoWritesGoToolPprofsRows(List<String> args, @TempDir Path dir) {
        Path theirs = dir.resolve("go.pb.gz");
        Path ours = dir.resolve("ours.pb.gz");
        List<String> go = new ArrayList<>(List.of("-topproto", "-output", theirs.toString()));
        go.addAll(args);
        GoPprof.run(go.toArray(String[]::new));
        List<String> mine = new ArrayList<>(List.of("-topproto", "-output", ours.toString()));
        mine.addAll(args);
        CliRun run = CliRun.of(mine.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.stderr());
        String expected = GoPprof.run("-raw", theirs.toString());
        long rows = expected.lines().filter(l -> l.matches("\\s*-?\\d+\\s+-?\\d+: \\d+.*")).count();
        assertTrue(rows >= 3, "go tool pprof wrote rows:\n" + expected);
        assertEquals(expected, GoPprof.run("-raw", ours.toString()), String.join(" ", args));
    }

    /** -gif and -ps are drawn by Graphviz as go tool pprof's are: the same kind of file, the same functions drawn. */
    @Test
    void gifAndPsAreGraphvizDrawingsOfTheGraph(@TempDir Path dir) throws IOException {
        ExternalTool.require("dot", "graphviz");
        String heap = GoProfiles.path("heap2.pb.gz");
        for (String format : List.of("gif", "ps")) {
            Path theirs = dir.resolve("go." + format);
            Path ours = dir.resolve("ours." + format);
            GoPprof.run("-" + format, "-output", theirs.toString(), heap);
            CliRun run = CliRun.of("-" + format, "-output", ours.toString(), heap);
            assertEquals(0, run.exitCode(), run.stderr());
            String magic = format.equals("gif") ? "GIF89a" : "%!PS-Adobe-3.0\n";
            assertTrue(head(theirs, magic.length()).equals(magic), "go tool pprof's: " + head(theirs, 20));
            assertEquals(magic, head(ours, magic.length()), format);
        }
        // PostScript keeps its text: each function we draw is drawn by go tool pprof (its labels
        // split a name at the package: "main", "allocLarge"), and we draw as many.
        String goPs = Files.readString(dir.resolve("go.ps"), StandardCharsets.ISO_8859_1);
        String ourPs = Files.readString(dir.resolve("ours.ps"), StandardCharsets.ISO_8859_1);
        Set<String> drawn = new TreeSet<>();
        Matcher link = Pattern.compile("\\(/peek\\?peek=([^)]*)\\)").matcher(ourPs);
        while (link.find()) {
            String regex = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
            drawn.add(regex.replace("^\\Q", "").replace("\\E$", ""));
        }
        assertTrue(drawn.size() >= 3, ourPs);
        for (String fn : drawn) {
            String last = fn.substring(fn.lastIndexOf('.') + 1);
            assertTrue(goPs.contains("(" + last + ")") || goPs.contains("(" + fn + ")"), fn + " is not in go tool pprof's -ps");
        }
        Matcher flatShare = Pattern.compile("\\((\\d+\\.\\d\\d)%\\\\\\)").matcher(goPs);
        Set<String> goShares = new TreeSet<>();
        while (flatShare.find()) {
            goShares.add(flatShare.group(1));
        }
        Set<String> ourShares = new TreeSet<>();
        Matcher ours = Pattern.compile("\\((\\d+\\.\\d\\d)%\\\\\\)").matcher(ourPs);
        while (ours.find()) {
            ourShares.add(ours.group(1));
        }
        assertTrue(goShares.size() >= 3, goShares.toString());
        assertEquals(goShares, ourShares, "the percentages drawn");
    }

    private static String head(Path file, int n) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return new String(b, 0, Math.min(n, b.length), StandardCharsets.ISO_8859_1);
    }

    /** -mean_delay is go tool pprof's -mean -sample_index=delay: the same report, byte for byte. */
    @ParameterizedTest
    @ValueSource(strings = {"block.pb.gz", "mutex.pb.gz"})
    void meanDelayIsGoToolPprofs(String name) throws Exception {
        String file = Path.of(GoReportFormatsIT.class.getResource("godumps/" + name).toURI()).toString();
        String expected = GoPprof.run("-top", "-mean_delay", file);
        assertTrue(expected.contains("Type: mean_delay"), expected);
        CliRun run = CliRun.of("-top", "-mean_delay", file);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(expected, run.stdout());
    }

    /** -no_browser is taken with -http (which opens no browser here) and refused without it, in go tool pprof's words. */
    @Test
    void noBrowserOnlyWithHttp() {
        CliRun run = CliRun.of("-no_browser", "-top", GoProfiles.path("heap2.pb.gz"));
        assertTrue(run.exitCode() != 0, run.stdout());
        assertEquals("pprof4j: -no_browser only makes sense with -http", run.stderr().strip());
    }

    /** go tool pprof's machine-code flags: one line that says why and what to use, exit 2, not "unknown option". */
    @ParameterizedTest
    @ValueSource(strings = {"-disasm=main", "-intel_syntax", "--disasm"})
    void machineCodeFlagsAreRefusedWithWhy(String flag) {
        List<String> args = new ArrayList<>(List.of(flag));
        if (flag.equals("--disasm")) {
            args.add("main");
        }
        args.add(GoProfiles.path("heap2.pb.gz"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.stderr());
        String err = run.stderr().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("no machine code") && err.contains("-list RE or -weblist RE"), err);
        assertFalse(err.contains("unknown option") || err.contains("Exception"), err);
        assertEquals("", run.stdout());
    }
}
