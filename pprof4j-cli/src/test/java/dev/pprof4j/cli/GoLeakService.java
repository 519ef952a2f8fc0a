package dev.pprof4j.cli;

import dev.pprof4j.testkit.Command;
import dev.pprof4j.testkit.ExternalTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Go service of {@code src/test/resources/goleakhunt/main.go}, built with the installed Go
 * (once per test JVM) and run with {@code leak} or {@code clean}: its own net/http/pprof on a
 * loopback port, its own bursty traffic. {@link #start(String, String...)} runs another
 * program of the test resources that prints its address the same way ({@code goshapes}).
 */
final class GoLeakService implements AutoCloseable {
    private static final java.util.Map<String, Path> BINARIES = new java.util.HashMap<>();

    private final Process process;
    final String address;

    private GoLeakService(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    static GoLeakService start(String mode) throws IOException {
        return start("goleakhunt", mode);
    }

    /** Runs {@code src/test/resources/PROGRAM/main.go} with {@code args}. */
    static GoLeakService start(String program, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(build(program).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IOException("the Go service did not start: " + line);
        }
        // Keep reading so the service never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the service ended
            }
        }, "go-service-drain");
        drain.setDaemon(true);
        drain.start();
        return new GoLeakService(p, line.substring("listening ".length()).strip());
    }

    private static synchronized Path build(String program) {
        Path binary = BINARIES.get(program);
        if (binary != null) {
            return binary;
        }
        Path go = ExternalTool.require("go", "golang-go");
        try {
            Path dir = Files.createTempDirectory("pprof4j-" + program);
            try (InputStream in = GoLeakService.class.getResourceAsStream("/" + program + "/main.go")) {
                Files.write(dir.resolve("main.go"), in.readAllBytes());
            }
            Files.writeString(dir.resolve("go.mod"), "module " + program + "\n\ngo 1.19\n");
            List<String> command = List.of(go.toString(), "build", "-o", "service", ".");
            Command.run(Duration.ofMinutes(3), dir, command).requireSuccess(command);
            binary = dir.resolve("service");
            BINARIES.put(program, binary);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
