package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code pprof4j.jar} in its own JVM, as users run it: its exit status is the one
 * {@code System.exit} gives, and it reads nothing of the test's JVM (for the CLI in-process,
 * see {@link CliRun}).
 */
final class CliJar {
    private CliJar() {
    }

    /** {@code target/pprof4j.jar}; {@code mvn verify} packages it before the ITs run. */
    static Path path() {
        Path jar = Path.of("target", "pprof4j.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run through mvn verify, which packages " + jar);
        return jar;
    }

    /** {@code java JVM_ARGS -jar pprof4j.jar ARGS} with the JDK running the test. */
    static List<String> command(List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java().toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(path().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code pprof4j ARGS} to its end (at most a minute). */
    static Command.Result run(String... args) {
        return Command.run(Duration.ofSeconds(60), command(List.of(), args));
    }
}
