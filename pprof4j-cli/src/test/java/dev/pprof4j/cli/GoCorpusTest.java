package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.testkit.ExternalTool;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * google/pprof's own test profiles (its {@code profile/testdata}, which Debian ships in
 * golang-github-google-pprof-dev): every one that {@code go tool pprof} reads gives Go's
 * {@code -top} rows. The goldens are go tool pprof's output, committed; where go is installed
 * the test also checks them against the live tool (so a newer Go that prints otherwise is
 * noticed). {@code -Dpprof4j.updateGoldens=true} rewrites them from the live tool.
 */
class GoCorpusTest {
    static final Path CORPUS = Path.of("/usr/share/gocode/src/github.com/google/pprof/profile/testdata");
    private static final Path GOLDEN_DIR = Path.of("src/test/resources/dev/pprof4j/cli/corpus");

    static Stream<String> corpus() {
        return Stream.of("cppbench.contention", "cppbench.cpu", "cppbench.growth", "cppbench.heap",
                "cppbench.thread", "cppbench.thread.all", "cppbench.thread.none", "go.crc32.cpu", "go.godoc.thread",
                "gobench.cpu", "gobench.heap", "java.contention", "java.cpu", "java.heap");
    }

    /** The corpus file; skips outside CI when the package is missing, fails in CI. */
    static Path corpusFile(String name) {
        Path file = CORPUS.resolve(name);
        if (!Files.isRegularFile(file)) {
            String message = file + " is missing (apt-get install -y golang-github-google-pprof-dev)";
            if (ExternalTool.inCi()) {
                throw new AssertionError(message + "; CI must run this test, .ci/run installs it");
            }
            Assumptions.abort(message + "; test skipped outside CI");
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void topRowsAreGoToolPprofs(String name) throws IOException {
        Path file = corpusFile(name);
        if (Boolean.getBoolean("pprof4j.updateGoldens")) {
            Files.writeString(GOLDEN_DIR.resolve(name + ".top"), GoPprof.run("-top", file.toString()));
        }
        String golden;
        try (InputStream in = GoCorpusTest.class.getResourceAsStream("corpus/" + name + ".top")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CliRun ours = CliRun.of("-top", file.toString());
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals(golden, ours.stdout(), name + ": pprof4j -top differs from go tool pprof -top");
        if (ExternalTool.find("go").isPresent() || ExternalTool.inCi()) {
            assertEquals(golden, GoPprof.run("-top", file.toString()),
                    name + ": the live go tool pprof prints otherwise than the golden (-Dpprof4j.updateGoldens=true)");
        }
    }
}
