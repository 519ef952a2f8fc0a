package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.testkit.ExternalTool;
import dev.pprof4j.testkit.GoPprof;
import dev.pprof4j.testkit.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GoTextDumpsTest against a Go service built now (src/test/resources/goleaks/main.go, with
 * whatever Go is installed): its {@code debug=1} text read by pprof4j gives the rows
 * go tool pprof prints for its protobuf of the same moment, and its goroutine dumps name the
 * 30 leaked goroutines.
 */
class GoTextDumpsIT {
    private static final int LEAKS = 30;

    @TempDir
    static Path dir;
    private static Process service;
    private static String base;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        Path go = ExternalTool.require("go", "golang-go");
        try (InputStream in = GoTextDumpsIT.class.getResourceAsStream("/goleaks/main.go")) {
            Files.write(dir.resolve("main.go"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("go.mod"), "module goleaks\n\ngo 1.19\n");
        Process build = new ProcessBuilder(go.toString(), "build", "-o", "goleaks", ".").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String buildOutput = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, build.waitFor(), buildOutput);
        service = new ProcessBuilder(dir.resolve("goleaks").toString(), Integer.toString(LEAKS)).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        base = "http://" + out.readLine() + "/debug/pprof/";
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path fetch(String path, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Http.get(base + path).body());
        return file;
    }

    /**
     * Heap and threadcreate hardly move once the service serves, but the Go runtime may still
     * start an OS thread between two requests: the protobuf is compared with a text whose rows
     * the text fetched right after it repeats, so both are of one moment.
     */
    @Test
    void debugOneRowsAreThoseOfTheProtobuf() throws IOException {
        for (String profile : List.of("heap", "threadcreate")) {
            String ours = null;
            String go = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                String before = rows(fetch(profile + "?debug=1", profile + ".txt"));
                go = GoTextDumpsTest.comparable(GoPprof.run("-top", fetch(profile, profile + ".pb.gz").toString()));
                ours = rows(fetch(profile + "?debug=1", profile + ".txt"));
                if (ours.equals(before)) {
                    break;
                }
            }
            assertEquals(go, ours, profile);
        }
    }

    /** Our -top of a saved debug=1 text, as comparable with go tool pprof's. */
    private static String rows(Path text) {
        CliRun ours = CliRun.of("-top", text.toString());
        assertEquals(0, ours.exitCode(), ours.stderr());
        return GoTextDumpsTest.comparable(ours.stdout());
    }

    @Test
    void goroutineDumpsNameTheLeakedGoroutines() throws IOException {
        for (String debug : List.of("1", "2")) {
            CliRun r = CliRun.of("-top", fetch("goroutine?debug=" + debug, "goroutine" + debug + ".txt").toString());
            assertEquals(0, r.exitCode(), r.stderr());
            GoTextDumpsTest.assertRow(r.stdout(), Integer.toString(LEAKS), Integer.toString(LEAKS), "main.leakyWorker");
        }
    }
}
