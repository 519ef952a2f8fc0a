package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ExternalTool;
import dev.pprof4j.testkit.GoPprof;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go's own text dumps, taken from a real Go service (src/test/resources/goleaks/main.go,
 * started with 25 leaks, later 40, Go 1.19) with curl at the same moment as its protobuf
 * profiles: symbolized from their {@code #} lines they give the rows go tool pprof prints
 * for the protobuf (where go tool pprof itself prints {@code <unknown>} for the text), they
 * name the leaking functions, and {@code -base} lines them up with each other and with
 * protobuf. GoTextDumpsIT does the same against a freshly built service.
 */
class GoTextDumpsTest {
    /** Rows pprof4j reads from the text must equal go tool pprof's of the protobuf (golden beside it). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "threadcreate", "mutex"})
    void debugOneGivesTheRowsOfGosProtobuf(String profile) throws IOException {
        String golden = resource(profile + ".pb.gz.top");
        if (ExternalTool.find("go").isPresent() || ExternalTool.inCi()) {
            assertEquals(golden, GoPprof.run("-top", file(profile + ".pb.gz").toString()), "the golden is stale");
        }
        CliRun ours = CliRun.of("-top", file(profile + ".debug1.txt").toString());
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals(comparable(golden), comparable(ours.stdout()));
    }

    /**
     * What a text dump cannot say is left out: the binary's name and the time (header lines),
     * and whether a frame was inlined (Go gives each inlined frame a PC of its own in the text).
     */
    static String comparable(String top) {
        return top.lines().filter(l -> !l.startsWith("File: ") && !l.startsWith("Time: "))
                .map(l -> l.replace(" (partial-inline)", "").replace(" (inline)", ""))
                .collect(Collectors.joining("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"goroutine.debug1.txt", "goroutine.debug2.txt"})
    void theLeakedGoroutinesAreNamed(String dump) throws IOException {
        CliRun r = CliRun.of("-top", file(dump).toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertRow(r.stdout(), "25", "25", "main.leakyWorker");
        assertTrue(r.stdout().contains(" of 28 total"), r.stdout()); // 25 leaked, main, the server's, the dump's
    }

    @Test
    void theRetainedHeapIsNamed() throws IOException {
        CliRun r = CliRun.of("-top", file("heap.debug1.txt").toString());
        // 25 buffers of 64 KiB, allocated at one site, every allocation sampled (MemProfileRate 1):
        // 1600 KiB plus the size-class rounding Go records.
        assertRow(r.stdout(), "1600.75kB", "1600.75kB", "main.retainBuffers");
        assertRow(r.stdout(), "0", "1603.09kB", "main.main");
    }

    /** go tool pprof gunzips before it tries the legacy formats: so does pprof4j. */
    @Test
    void aGzippedTextDumpReadsAsTheText(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("heap.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(file("heap.debug1.txt")));
        }
        CliRun plain = CliRun.of("-top", file("heap.debug1.txt").toString());
        CliRun gzipped = CliRun.of("-top", gz.toString());
        assertEquals(0, gzipped.exitCode(), gzipped.stderr());
        assertEquals(plain.stdout(), gzipped.stdout());
    }

    @Test
    void blockDumpNamesTheWaitingFunction() throws IOException {
        CliRun r = CliRun.of("-top", file("block.debug1.txt").toString());
        assertRow(r.stdout(), "0", "22.29ms", "main.waitForTicket");
    }

    @Test
    void baseAcrossDebugOneAndDebugTwo() throws IOException {
        CliRun r = CliRun.of("-top", "-base", file("goroutine.debug1.txt").toString(),
                file("goroutine40.debug2.txt").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertRow(r.stdout(), "15", "15", "main.leakyWorker");
    }

    /**
     * Against Go's protobuf the functions line up; the runtime's own frames at the leaf
     * (runtime.gopark), which the text dumps hide, move the flat value, so the cum says it.
     */
    @Test
    void baseAcrossTextAndProtobuf() throws IOException {
        CliRun grown = CliRun.of("-top", "-base", file("goroutine.debug2.txt").toString(),
                file("goroutine40.pb.gz").toString());
        assertEquals(0, grown.exitCode(), grown.stderr());
        assertRow(grown.stdout(), "-25", "15", "main.leakyWorker");
        CliRun same = CliRun.of("-top", "-base", file("goroutine40.debug1.txt").toString(),
                file("goroutine40.pb.gz").toString());
        assertRow(same.stdout(), "-40", "0", "main.leakyWorker");
    }

    static void assertRow(String top, String flat, String cum, String function) {
        Pattern row = Pattern.compile("(?m)^\\s*" + Pattern.quote(flat) + "\\s+\\S+\\s+\\S+\\s+" + Pattern.quote(cum)
                + "\\s+\\S+\\s+" + Pattern.quote(function) + "$");
        assertTrue(row.matcher(top).find(), "no row flat " + flat + " cum " + cum + " " + function + " in:\n" + top);
    }

    static Path file(String name) {
        try {
            return Path.of(GoTextDumpsTest.class.getResource("godumps/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoTextDumpsTest.class.getResourceAsStream("godumps/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
