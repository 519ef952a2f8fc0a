package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our reports of real Go profiles against {@code go tool pprof}'s, byte for byte: for the
 * heap (alone and with -base/-diff_base), goroutine and CPU profiles a Go program wrote, for
 * each of their sample indexes, -top, -top -cum, -traces and -tree, plus -peek, -lines,
 * -files and -nodecount; and the same reports of a synthetic profile large enough that most
 * nodes and calls are trimmed ({@link SyntheticProfile}). No header line is normalised: both
 * read the same file, so even File:, Type:, Time: (same local zone) and Duration: must agree.
 */
class GoPprofCompatIT {
    static Stream<List<String>> cases() throws IOException {
        List<List<String>> cases = new ArrayList<>();
        for (String name : List.of("heap2.pb.gz", "goroutine.pb.gz", "cpu.pb.gz")) {
            String file = GoProfiles.path(name);
            Profile p = ProfileDecoder.read(Path.of(file));
            for (int i = 0; i < p.sampleTypes.size(); i++) {
                String index = "-sample_index=" + p.sampleTypes.get(i).type();
                cases.add(List.of("-top", index, file));
                cases.add(List.of("-top", "-cum", index, file));
                cases.add(List.of("-traces", index, file));
                cases.add(List.of("-tree", index, file));
            }
            cases.add(List.of("-top", file));
            cases.add(List.of("-top", "-lines", file));
            cases.add(List.of("-top", "-files", file));
            cases.add(List.of("-top", "-nodecount=4", file));
        }
        String heap1 = GoProfiles.path("heap1.pb.gz");
        String heap2 = GoProfiles.path("heap2.pb.gz");
        for (String index : List.of("inuse_space", "inuse_objects", "alloc_space", "alloc_objects")) {
            cases.add(List.of("-top", "-sample_index=" + index, "-base", heap1, heap2));
            cases.add(List.of("-top", "-cum", "-sample_index=" + index, "-base", heap1, heap2));
            cases.add(List.of("-traces", "-sample_index=" + index, "-base", heap1, heap2));
            cases.add(List.of("-top", "-cum", "-sample_index=" + index, "-diff_base", heap1, heap2));
        }
        cases.add(List.of("-top", "-sample_index=1", heap1, heap2));
        cases.add(List.of("-peek", "main\\.", heap2));
        cases.add(List.of("-top", "-focus=allocSmall", heap2));
        cases.add(List.of("-top", "-ignore=allocLarge", "-sample_index=alloc_space", heap2));
        cases.add(List.of("-top", "-cum", "-hide=runtime", heap2));
        cases.add(List.of("-traces", "-show=main\\.", GoProfiles.path("cpu.pb.gz")));
        cases.add(List.of("-top", "-unit=MB", heap2));
        cases.add(List.of("-top", "-unit=ms", GoProfiles.path("cpu.pb.gz")));
        cases.add(List.of("-raw", GoProfiles.path("cpu.pb.gz")));
        cases.add(List.of("-raw", heap2));
        // hundreds of nodes, most trimmed: residual calls, inline labels, recursion, negative values
        String synthetic = SyntheticProfile.path();
        for (String index : List.of("samples", "cpu")) {
            cases.add(List.of("-top", "-sample_index=" + index, synthetic));
            cases.add(List.of("-top", "-cum", "-sample_index=" + index, synthetic));
            cases.add(List.of("-tree", "-sample_index=" + index, synthetic));
        }
        cases.add(List.of("-top", "-nodecount=25", synthetic));
        cases.add(List.of("-tree", "-nodecount=12", synthetic));
        cases.add(List.of("-top", "-lines", synthetic));
        cases.add(List.of("-peek", "Fn1$", synthetic));
        cases.add(List.of("-traces", synthetic));
        return cases.stream();
    }

    /**
     * {@code -proto -output F} of a computed profile (heap2 minus heap1) as go tool pprof
     * reads it: the same samples (-raw) and reports as the profile go tool pprof wrote itself.
     */
    @Test
    void protoOutputReadsBackInGoAsGoOwn(@TempDir Path dir) {
        String heap1 = GoProfiles.path("heap1.pb.gz");
        String heap2 = GoProfiles.path("heap2.pb.gz");
        String ours = dir.resolve("ours.pb.gz").toString();
        String theirs = dir.resolve("go.pb.gz").toString();
        CliRun run = CliRun.of("-proto", "-output", ours, "-base", heap1, heap2);
        assertEquals(0, run.exitCode(), run.stderr());
        GoPprof.run("-proto", "-output", theirs, "-base", heap1, heap2);
        for (String report : List.of("-raw", "-traces", "-top")) {
            assertEquals(GoPprof.run(report, theirs), GoPprof.run(report, ours), report);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameOutputAsGoToolPprof(List<String> args) {
        String expected = GoPprof.run(args.toArray(String[]::new));
        CliRun ours = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals(expected, ours.stdout(), String.join(" ", args));
    }
}
