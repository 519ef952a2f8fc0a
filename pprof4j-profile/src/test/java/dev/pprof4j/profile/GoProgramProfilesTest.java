package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.ExternalTool;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Profiles written by a real Go program (built from test resources with {@code go build}):
 * we decode them to the samples {@code go tool pprof -raw} shows, and what we re-encode
 * go reads back to the same samples.
 */
class GoProgramProfilesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void runGoProgram() throws IOException {
        Path go = ExternalTool.require("go", "golang-go");
        Path src = dir.resolve("main.go");
        try (InputStream in = GoProgramProfilesTest.class.getResourceAsStream("/goprog/main.go")) {
            Files.copy(in, src);
        }
        Path exe = dir.resolve("goprog");
        Command.run(Duration.ofMinutes(3), dir, List.of(go.toString(), "build", "-o", exe.toString(), src.toString()))
                .requireSuccess(List.of("go", "build"));
        Command.run(Duration.ofMinutes(1), dir, List.of(exe.toString(), dir.toString()))
                .requireSuccess(List.of(exe.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "goroutine", "cpu"})
    void decodeMatchesGoAndReencodeReadsBackIdentically(String kind) throws IOException {
        Path original = dir.resolve(kind + ".pb.gz");
        GoRawProfile goView = GoRawProfile.parse(GoPprof.run("-raw", "-symbolize=none", original.toString()));
        assertFalse(goView.samples.isEmpty(), kind + " profile has samples");

        Profile ours = ProfileDecoder.read(original);
        assertEquals(goView.samples, GoRawProfile.asGoShows(ours));
        assertEquals(goView.sampleTypes, sampleTypes(ours));

        Path reencoded = dir.resolve(kind + ".again.pb.gz");
        ProfileEncoder.writeGzip(ours, reencoded);
        GoRawProfile again = GoRawProfile.parse(GoPprof.run("-raw", "-symbolize=none", reencoded.toString()));
        assertEquals(goView.samples, again.samples);
        assertEquals(goView.sampleTypes, again.sampleTypes);
        assertEquals(goView.header, again.header);
        assertEquals(goView.mappings, again.mappings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "cpu"})
    void goProfilesCarryWhatGoWrote(String kind) throws IOException {
        Profile ours = ProfileDecoder.read(dir.resolve(kind + ".pb.gz"));
        assertTrue(ours.period > 0, "period");
        assertTrue(ours.timeNanos > 0, "time");
        assertTrue(ours.functions.stream().anyMatch(f -> f.name.equals(kind.equals("cpu") ? "main.burn" : "main.allocSmall")),
                "has the program's own function");
        assertFalse(ours.mappings.isEmpty(), "Go writes mappings");
    }

    private static List<String> sampleTypes(Profile p) {
        return p.sampleTypes.stream()
                .map(t -> t + (t.type().equals(p.defaultSampleType) ? "[dflt]" : ""))
                .toList();
    }
}
