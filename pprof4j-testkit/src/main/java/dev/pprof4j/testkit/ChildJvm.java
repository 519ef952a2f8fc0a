package dev.pprof4j.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM for integration tests: the JDK running the test ({@code java.home}), the test's
 * class path, optionally the pprof4j agent, a main class and its arguments. Its standard
 * output and error are collected together so a test can wait for a line (the agent's
 * {@code pprof4j: serving http://host:port/...}, or a workload's "ready"). Closing it kills the
 * process and its descendants.
 *
 * <pre>{@code
 * try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName())
 *         .agent(ChildJvm.agentJar(), "port=0").start()) {
 *     String base = app.awaitPprofUrl(Duration.ofSeconds(30)); // http://127.0.0.1:41234
 *     ...
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {
    /** The agent's start line; group 1 is {@code http://host:port}. */
    public static final Pattern SERVING = Pattern.compile("pprof4j: serving (http://[^/\\s]+)/debug/pprof/");

    private final Process process;
    private final List<String> command;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private ChildJvm(List<String> command, java.util.Map<String, String> environment) throws IOException {
        this.command = command;
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        this.process = builder.redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        this.reader = new Thread(this::readOutput, "child-jvm-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The agent jar the build made: the {@code pprof4j.agent.jar} system property (failsafe sets
     * it) or {@code pprof4j-runtime/target/pprof4j-agent.jar} under the working directory or its parent.
     */
    public static Path agentJar() {
        String property = System.getProperty("pprof4j.agent.jar");
        List<Path> candidates = new ArrayList<>();
        if (property != null && !property.isEmpty()) {
            candidates.add(Path.of(property));
        }
        candidates.add(Path.of("pprof4j-runtime/target/pprof4j-agent.jar"));
        candidates.add(Path.of("../pprof4j-runtime/target/pprof4j-agent.jar"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError("the agent jar is missing (looked at " + candidates
                + "); run the tests with mvn verify, which packages it first");
    }

    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    /** The java executable of the JDK running this test. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The JDK's feature version, e.g. 17 or 25. */
    public static int feature() {
        return Runtime.version().feature();
    }

    /** Builds the child's command line. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private String classPath = System.getProperty("java.class.path");
        private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /** Adds {@code -javaagent:JAR=OPTIONS}. */
        public Builder agent(Path jar, String options) {
            jvmArgs.add("-javaagent:" + jar + (options == null || options.isEmpty() ? "" : "=" + options));
            return this;
        }

        public Builder jvmArg(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        public Builder classPath(String value) {
            classPath = value;
            return this;
        }

        /** Sets an environment variable of the child (on top of this JVM's environment). */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public ChildJvm start() {
            List<String> command = new ArrayList<>();
            command.add(java().toString());
            command.add("-Xshare:auto");
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
            command.addAll(args);
            try {
                return new ChildJvm(command, environment);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // process ended
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Everything the child printed so far (stdout and stderr interleaved). */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /**
     * Waits until the output matches {@code pattern} and returns the match; fails with the
     * output so far when the time runs out or the process ends first.
     */
    public Matcher await(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                Matcher matcher = pattern.matcher(output);
                if (matcher.find()) {
                    return matcher;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError("child JVM " + (process.isAlive() ? "did not print " : "ended without printing ")
                            + pattern + " within " + timeout + "\ncommand: " + String.join(" ", command)
                            + "\noutput:\n" + output);
                }
                try {
                    output.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + pattern, e);
                }
            }
        }
    }

    /** Waits for the agent's start line and returns {@code http://host:port}. */
    public String awaitPprofUrl(Duration timeout) {
        return await(SERVING, timeout).group(1);
    }

    /** Waits for the process to exit and returns its exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child JVM did not exit within " + timeout + "\noutput:\n" + output());
            }
            reader.join(2000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
