package dev.pprof4j.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link DemoService} running in a child JVM with the pprof4j agent on a free port: the
 * same JDK as ours, the class path we were loaded from. It learns both addresses from what
 * the child prints, and {@link #close()} ends the child (closing its stdin first, then
 * destroying it if it lingers).
 */
public final class DemoProcess implements AutoCloseable {
    /**
     * The line a child prints once it serves: this, then its own URL (or {@code -}). The
     * agent's address comes from the line the agent (or the child) prints with it.
     */
    public static final String READY = "pprof4j demo child ready: ";
    public static final String AGENT = "pprof4j agent at ";
    private static final Pattern URL = Pattern.compile("(https?://[A-Za-z0-9.\\-\\[\\]]+:\\d+)");

    private final Process process;
    private final URI service;
    private final URI agent;
    private final List<String> output;

    private DemoProcess(Process process, URI service, URI agent, List<String> output) {
        this.process = process;
        this.service = service;
        this.agent = agent;
        this.output = output;
    }

    /** Starts {@link DemoService} from our own class path and waits until it serves. */
    public static DemoProcess start(Path agentJar, List<String> jvmOptions, Duration timeout) throws IOException {
        return start(agentJar, jvmOptions, ownClassPath(), DemoService.class.getName(), List.of(), timeout);
    }

    /**
     * Starts a child JVM with the agent and waits until it prints {@link #READY}.
     *
     * @param agentJar the pprof4j agent jar, or null to start without it (to attach later)
     * @param jvmOptions extra JVM options (heap size, GC)
     */
    public static DemoProcess start(Path agentJar, List<String> jvmOptions, String classPath, String mainClass,
            List<String> args, Duration timeout) throws IOException {
        if (agentJar != null && !Files.isRegularFile(agentJar)) {
            throw new IOException("no agent jar at " + agentJar + "; build it with mvn -DskipTests package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (agentJar != null) {
            // A sample every 64 KiB instead of 512: the hunt sees each leak grow by many samples a round.
            command.add("-javaagent:" + agentJar.toAbsolutePath() + "=port=0,memprofilerate=65536");
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<URI> service = new CompletableFuture<>();
        CompletableFuture<URI> agent = new CompletableFuture<>();
        pump(process.getInputStream(), output, service, agent, "demo-stdout");
        pump(process.getErrorStream(), output, service, agent, "demo-stderr");
        try {
            URI s = service.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            URI a = agentJar == null ? null : agent.get(Math.max(1000, timeout.toMillis() / 2), TimeUnit.MILLISECONDS);
            return new DemoProcess(process, s, a, output);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("the demo service did not start within " + timeout.toSeconds() + "s; it printed:\n  "
                    + String.join("\n  ", List.copyOf(output)), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting the demo service", e);
        }
    }

    /** For a child: prints where the agent listens, if the agent published it. */
    public static void printAgentAddress() {
        String agent = System.getProperty("pprof4j.address");
        if (agent != null) {
            System.out.println(AGENT + (agent.startsWith("http") ? agent : "http://" + agent));
        }
        System.out.flush();
    }

    public URI service() {
        return service;
    }

    /** Where the agent serves; null for a child started without it. */
    public URI agent() {
        return agent;
    }

    public long pid() {
        return process.pid();
    }

    /** What the child printed so far, stdout and stderr interleaved. */
    public List<String> output() {
        return List.copyOf(output);
    }

    private static void pump(InputStream in, List<String> output, CompletableFuture<URI> service,
            CompletableFuture<URI> agent, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (output.size() < 1000) {
                        output.add(line);
                    }
                    if (line.equals(READY + "-")) {
                        service.complete(URI.create("about:none"));
                    }
                    Matcher m = URL.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    if (line.startsWith(READY)) {
                        service.complete(URI.create(m.group(1)));
                    } else if (line.contains(AGENT)) {
                        agent.complete(URI.create(m.group(1)));
                    } else if (line.toLowerCase().contains("pprof")) {
                        agent.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the child is gone; start() times out with what it printed
            }
            service.completeExceptionally(new IOException("the demo service exited"));
            agent.completeExceptionally(new IOException("the demo service exited"));
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** The class path this class came from: the pprof4j jar, or target/classes in a build. */
    public static String ownClassPath() throws IOException {
        try {
            return Path.of(DemoService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IOException("cannot tell where the demo's classes are: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
