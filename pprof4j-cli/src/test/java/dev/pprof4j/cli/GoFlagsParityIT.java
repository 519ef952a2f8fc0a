package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.GoPprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * go tool pprof's flags beyond the basic reports, against the real go tool pprof, byte for
 * byte: -list (sources read from where the Go program was built), -tags and the tag filters,
 * -show_from, -prune_from, -noinlines, -trim=false, -relative_percentages, the granularities,
 * -comments, -divide_by, -drop_negative, -normalize, -mean, -tagroot/-tagleaf, -trim_path, -callgrind, -call_tree; -proto after filters (read back by Go); and the drawn call graph's nodes
 * (nodefraction and nodecount as Go's visual mode prunes them).
 */
class GoFlagsParityIT {
    static Stream<List<String>> cases() {
        String heap = GoProfiles.path("heap2.pb.gz");
        String cpu = GoProfiles.path("cpu.pb.gz");
        String synthetic = SyntheticProfile.path();
        List<List<String>> cases = new ArrayList<>();
        cases.add(List.of("-list", "main.alloc", heap));
        cases.add(List.of("-list", "main\\.(hashLoop|mathLoop)", cpu));
        cases.add(List.of("-list", "allocLarge", "-noinlines", "-sample_index=alloc_space", heap));
        cases.add(List.of("-tags", heap));
        cases.add(List.of("-tags", "-sample_index=alloc_objects", heap));
        cases.add(List.of("-tags", synthetic));
        cases.add(List.of("-top", "-tagfocus=64B", heap));
        cases.add(List.of("-top", "-tagfocus=1kB:", heap));
        cases.add(List.of("-top", "-tagignore=bytes=256kB", heap));
        cases.add(List.of("-traces", "-taghide=bytes", heap));
        cases.add(List.of("-top", "-show_from=main.main", heap));
        cases.add(List.of("-top", "-prune_from=runtime.main", heap));
        cases.add(List.of("-top", "-noinlines", heap));
        cases.add(List.of("-top", "-noinlines", cpu));
        cases.add(List.of("-top", "-trim=false", synthetic));
        cases.add(List.of("-tree", "-trim=false", heap));
        cases.add(List.of("-top", "-relative_percentages", "-focus=allocSmall", heap));
        cases.add(List.of("-top", "-addresses", heap));
        cases.add(List.of("-top", "-filefunctions", heap));
        cases.add(List.of("-comments", cpu));
        cases.add(List.of("-top", "-divide_by=4", heap));
        String heap1 = GoProfiles.path("heap1.pb.gz");
        cases.add(List.of("-top", "-drop_negative", "-base", heap, heap1));
        cases.add(List.of("-tree", "-drop_negative", "-sample_index=alloc_space", "-base", heap1, heap));
        cases.add(List.of("-top", "-drop_negative", synthetic));
        cases.add(List.of("-tree", "-divide_by=0.5", cpu));
        cases.add(List.of("-list", "main.alloc", "-divide_by=3", heap));
        cases.add(List.of("-top", "-normalize", "-base", heap1, heap));
        cases.add(List.of("-tree", "-normalize", "-sample_index=alloc_objects", "-diff_base", heap1, heap));
        cases.add(List.of("-top", "-tagroot=bytes", heap));
        cases.add(List.of("-traces", "-tagleaf=bytes,nosuchkey", heap));
        cases.add(List.of("-tree", "-tagroot=bytes", "-tagleaf=bytes", "-unit=kB", "-sample_index=alloc_space", heap));
        cases.add(List.of("-top", "-tagroot=bytes", "-focus=^64$", heap));
        cases.add(List.of("-raw", "-tagroot=bytes", heap));
        cases.add(List.of("-top", "-mean", heap));
        cases.add(List.of("-tree", "-mean", "-sample_index=alloc_space", heap));
        cases.add(List.of("-traces", "-mean", heap));
        cases.add(List.of("-list", "main.alloc", "-mean", heap));
        cases.add(List.of("-top", "-mean", "-cum", "-nodecount=5", "-base", heap1, heap));
        cases.add(List.of("-tree", "-mean", cpu));
        cases.add(List.of("-callgrind", heap));
        cases.add(List.of("-callgrind", "-focus=main.alloc", "-cum", heap));
        cases.add(List.of("-callgrind", "-mean", "-sample_index=alloc_space", heap));
        cases.add(List.of("-callgrind", cpu));
        cases.add(List.of("-callgrind", "-base", heap1, heap));
        cases.add(List.of("-callgrind", synthetic));
        // -call_tree changes only drawn graphs and -callgrind; the text reports take it and ignore it, as Go's
        cases.add(List.of("-top", "-call_tree", cpu));
        cases.add(List.of("-tree", "-call_tree", synthetic));
        cases.add(List.of("-traces", "-call_tree", heap));
        // a node per path, [i/n] per path; Go's own output is stable on these (it orders equal nodes at random)
        cases.add(List.of("-callgrind", "-call_tree", heap));
        cases.add(List.of("-callgrind", "-call_tree", "-focus=main.alloc", "-cum", heap));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOutputAsGoToolPprof(List<String> args) {
        String expected = GoPprof.run(args.toArray(String[]::new));
        CliRun ours = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals(expected, ours.stdout(), String.join(" ", args));
    }

    /**
     * -trim_path cuts the build's directory from the profile's file names, so that -list reads
     * the sources from -source_path (a checkout elsewhere) instead of where the binary was built.
     */
    @Test
    void trimPathFindsSourcesInACheckout(@TempDir Path dir) throws java.io.IOException {
        Path built = GoProfiles.dir();
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        List<String> marked = Files.readAllLines(built.resolve("main.go")).stream().map(l -> l + " // checkout").toList();
        Files.write(checkout.resolve("main.go"), marked);
        String heap = GoProfiles.path("heap2.pb.gz");
        for (String trim : List.of(built.toString(), "/elsewhere:" + built + "/")) {
            String[] args = {"-list", "main.allocSmall", "-source_path=" + checkout, "-trim_path=" + trim, heap};
            CliRun ours = CliRun.of(args);
            assertEquals(0, ours.exitCode(), ours.stderr());
            assertEquals(GoPprof.run(args), ours.stdout(), String.join(" ", args));
            assertTrue(ours.stdout().contains("func allocSmall") && ours.stdout().contains("// checkout"), ours.stdout());
        }
        CliRun untrimmed = CliRun.of("-list", "main.allocSmall", "-source_path=" + checkout, heap);
        assertTrue(untrimmed.stdout().contains("func allocSmall") && !untrimmed.stdout().contains("// checkout"),
                "without -trim_path the build's own file is read: " + untrimmed.stdout());
    }

    /** Valgrind's callgrind_annotate reads what -callgrind writes: each function with its cost, in the report's unit. */
    @Test
    void callgrindAnnotateReadsTheFile(@TempDir Path dir) {
        Path annotate = dev.pprof4j.testkit.ExternalTool.require("callgrind_annotate", "valgrind");
        Path out = dir.resolve("callgrind.out");
        CliRun run = CliRun.of("-callgrind", "-output", out.toString(), GoProfiles.path("heap2.pb.gz"));
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> cmd = List.of(annotate.toString(), out.toString());
        dev.pprof4j.testkit.Command.Result read = dev.pprof4j.testkit.Command.run(java.time.Duration.ofMinutes(1), cmd);
        read.requireSuccess(cmd);
        assertTrue(read.stdout().contains("Events recorded:  inuse_space(kB)"), read.stdout());
        assertTrue(read.stdout().lines().anyMatch(l -> l.matches(" *[1-9][0-9,]* \\(.*main\\.go:main\\.allocLarge \\[.*")),
                read.stdout());
    }

    /** -proto after -focus/-ignore/-hide/-show writes the filtered profile, as Go's does. */
    @Test
    void protoWritesTheFilteredProfile(@TempDir Path dir) {
        String heap = GoProfiles.path("heap2.pb.gz");
        for (List<String> filters : List.of(List.of("-focus=allocSmall"), List.of("-ignore=allocLarge", "-hide=runtime"),
                List.of("-show=main\\.", "-tagfocus=64B"), List.of("-show_from=main.main", "-divide_by=3"))) {
            String ours = dir.resolve("ours.pb.gz").toString();
            String theirs = dir.resolve("go.pb.gz").toString();
            List<String> args = new ArrayList<>(List.of("-proto", "-output", ours));
            args.addAll(filters);
            args.add(heap);
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.stderr());
            args.set(2, theirs);
            GoPprof.run(args.toArray(String[]::new));
            for (String report : List.of("-raw", "-traces")) {
                assertEquals(GoPprof.run(report, theirs), GoPprof.run(report, ours), filters + " " + report);
            }
            assertTrue(!GoPprof.run("-raw", ours).equals(GoPprof.run("-raw", heap)), "the filters changed nothing: " + filters);
        }
    }

    /** The call graph draws the nodes Go's does: nodefraction first, then nodecount in Go's visual order. */
    @Test
    void callGraphKeepsGoNodes() {
        String synthetic = SyntheticProfile.path();
        for (List<String> flags : List.of(List.<String>of(), List.of("-nodefraction=0.001"), List.of("-nodecount=12"),
                List.of("-nodefraction=0"), List.of("-sample_index=samples", "-nodecount=30"))) {
            List<String> args = new ArrayList<>(List.of("-dot"));
            args.addAll(flags);
            args.add(synthetic);
            Set<String> theirs = names(GoPprof.run(args.toArray(String[]::new)), Pattern.compile("^N\\d+ \\[.* tooltip=\"(.*) \\([^()]*\\)\" color="));
            CliRun ours = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, ours.exitCode(), ours.stderr());
            Set<String> mine = names(ours.stdout(), Pattern.compile("^N\\d+ \\[.* tooltip=\"(.*) \\| cum "));
            assertTrue(theirs.size() > 5, "go drew " + theirs.size() + " nodes");
            assertEquals(theirs, mine, String.join(" ", flags));
        }
    }

    /**
     * -call_tree draws a node per path: the same multiset of nodes and of calls (caller, callee,
     * dashed where trimmed nodes were skipped) as Go's tree, after nodefraction, edgefraction
     * and nodecount cut the tree in place.
     */
    @Test
    void callTreeKeepsGoNodesAndCalls() {
        String synthetic = SyntheticProfile.path();
        for (List<String> flags : List.of(List.<String>of(), List.of("-nodefraction=0", "-nodecount=150"),
                List.of("-sample_index=samples", "-nodefraction=0.0002", "-nodecount=200"),
                List.of("-nodefraction=0", "-nodecount=400", "-edgefraction=0.0001"), List.of("-trim=false", "-focus=Fn12$"))) {
            List<String> args = new ArrayList<>(List.of("-dot", "-call_tree"));
            args.addAll(flags);
            args.add(synthetic);
            String goDot = GoPprof.run(args.toArray(String[]::new));
            CliRun ours = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, ours.exitCode(), ours.stderr());
            DotShape theirs = DotShape.of(goDot, Pattern.compile("^(N\\d+) \\[.* tooltip=\"(.*) \\([^()]*\\)\" color="));
            DotShape mine = DotShape.of(ours.stdout(), Pattern.compile("^(N\\d+) \\[.* tooltip=\"(.*) \\| cum "));
            assertTrue(theirs.nodes().size() > 5 && (flags.isEmpty() || theirs.calls().size() > 10),
                    "go drew " + theirs.nodes().size() + " nodes, " + theirs.calls().size() + " calls");
            assertEquals(theirs.nodes(), mine.nodes(), "nodes " + String.join(" ", flags));
            assertEquals(theirs.calls(), mine.calls(), "calls " + String.join(" ", flags));
        }
        // the tree is not the graph: some function is drawn more than once
        DotShape tree = DotShape.of(CliRun.of("-dot", "-call_tree", "-trim=false", "-focus=Fn12$", synthetic).stdout(),
                Pattern.compile("^(N\\d+) \\[.* tooltip=\"(.*) \\| cum "));
        assertTrue(tree.nodes().size() > new TreeSet<>(tree.nodes()).size(), "no function drawn twice: " + tree.nodes());
    }

    /** With -mean a drawn call is labelled with its mean per count, as Go's are, not with its sum. */
    @Test
    void meanLabelsCallsWithTheirMeans() {
        String heap = GoProfiles.path("heap2.pb.gz");
        Pattern goNode = Pattern.compile("^(N\\d+) \\[.* tooltip=\"(.*) \\([^()]*\\)\" color=");
        Pattern ourNode = Pattern.compile("^(N\\d+) \\[.* tooltip=\"(.*) \\| cum ");
        for (List<String> flags : List.of(List.of("-mean"), List.of("-mean", "-sample_index=alloc_space"))) {
            List<String> args = new ArrayList<>(List.of("-dot"));
            args.addAll(flags);
            args.add(heap);
            Map<String, String> theirs = DotShape.of(GoPprof.run(args.toArray(String[]::new)), goNode).callLabels();
            CliRun ours = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, ours.exitCode(), ours.stderr());
            Map<String, String> mine = DotShape.of(ours.stdout(), ourNode).callLabels();
            assertTrue(theirs.size() >= 2, "go drew calls " + theirs);
            assertEquals(theirs.keySet(), mine.keySet(), String.join(" ", flags));
            // the same value, whichever unit each picked (Go's 8192kB is our 8MB); labels round to 3-4 digits
            theirs.forEach((call, label) -> assertEquals(bytes(label), bytes(mine.get(call)), bytes(label) * 0.01,
                    call + ": go " + label + ", ours " + mine.get(call)));
        }
        Map<String, String> sums = DotShape.of(CliRun.of("-dot", heap).stdout(), ourNode).callLabels();
        Map<String, String> means = DotShape.of(CliRun.of("-dot", "-mean", heap).stdout(), ourNode).callLabels();
        assertTrue(!sums.equals(means), "-mean changed no call: " + sums);
    }

    private static double bytes(String label) {
        Matcher m = Pattern.compile("(-?[0-9.]+)(B|kB|MB|GB|TB)").matcher(label.strip());
        assertTrue(m.matches(), label);
        return Double.parseDouble(m.group(1)) * Math.pow(1024, List.of("B", "kB", "MB", "GB", "TB").indexOf(m.group(2)));
    }

    /** -svg, -png and -pdf are drawn by Graphviz: an SVG document, a PNG and a PDF file. */
    @Test
    void drawnFormats(@TempDir Path dir) throws Exception {
        String heap = GoProfiles.path("heap2.pb.gz");
        byte[][] magic = {"<svg".getBytes(), {(byte) 0x89, 'P', 'N', 'G'}, "%PDF".getBytes()};
        String[] formats = {"svg", "png", "pdf"};
        for (int i = 0; i < formats.length; i++) {
            Path out = dir.resolve("g." + formats[i]);
            CliRun run = CliRun.of("-" + formats[i], "-output", out.toString(), heap);
            assertEquals(0, run.exitCode(), run.stderr());
            byte[] bytes = Files.readAllBytes(out);
            String head = new String(bytes, 0, Math.min(bytes.length, 400), java.nio.charset.StandardCharsets.ISO_8859_1);
            String want = new String(magic[i], java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(formats[i].equals("svg") ? head.contains(want) : head.startsWith(want), formats[i] + ": " + head);
        }
    }

    private static Set<String> names(String dot, Pattern node) {
        Set<String> names = new TreeSet<>();
        for (String line : dot.split("\n")) {
            Matcher m = node.matcher(line);
            if (m.find()) {
                names.add(m.group(1).replace("\\\"", "\""));
            }
        }
        return names;
    }
}
