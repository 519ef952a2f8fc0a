package dev.pprof4j.cli;

import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real Go profiles for the integration tests: builds src/test/resources/goprog/main.go with
 * the installed Go and runs it, which writes heap1/heap2 (for -base), goroutine and cpu
 * profiles. Built once per test JVM.
 */
final class GoProfiles {
    private static Path dir;

    private GoProfiles() {
    }

    static synchronized Path dir() {
        if (dir != null) {
            return dir;
        }
        Path go = ExternalTool.require("go", "golang-go");
        try {
            Path d = Files.createTempDirectory("pprof4j-goprog");
            try (InputStream in = GoProfiles.class.getResourceAsStream("/goprog/main.go")) {
                Files.write(d.resolve("main.go"), in.readAllBytes());
            }
            Files.writeString(d.resolve("go.mod"), "module goprog\n\ngo 1.19\n");
            List<String> build = List.of(go.toString(), "build", "-o", "prog", ".");
            Command.run(Duration.ofMinutes(3), d, build).requireSuccess(build);
            List<String> run = List.of(d.resolve("prog").toString(), d.toString());
            Command.run(Duration.ofMinutes(1), d, run).requireSuccess(run);
            dir = d;
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String path(String name) {
        return dir().resolve(name).toString();
    }
}
