package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./pprof4j} launcher on a copy of the tree (script, jar, a pom and a source file)
 * with the JDK running the test: it prints byte for byte what {@code java -jar} prints, with
 * its JVM flags or without, and its staleness check (bash only, no find) sees a source newer
 * than the jar.
 */
class LauncherIT {
    private static final Path PROFILE = Path.of("../examples/go-heap.pb.gz").toAbsolutePath().normalize();

    @TempDir
    Path root;
    Path jar;
    Path source;

    @BeforeEach
    void copyTheTree() throws IOException {
        Files.copy(Path.of("../pprof4j"), root.resolve("pprof4j"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = root.resolve("pprof4j-cli/target/pprof4j.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(CliJar.path(), jar);
        Path agent = root.resolve("pprof4j-runtime/target/pprof4j-agent.jar");
        Files.createDirectories(agent.getParent());
        Files.writeString(agent, "the launcher only checks that it exists");
        // not a pom Maven can read: if the launcher builds, the build fails at once
        Files.writeString(root.resolve("pom.xml"), "not a pom");
        source = root.resolve("pprof4j-cli/src/main/java/dev/pprof4j/cli/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}");
        FileTime older = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000);
        Files.setLastModifiedTime(root.resolve("pom.xml"), older);
        try (var tree = Files.walk(root.resolve("pprof4j-cli/src"))) { // directories count too
            for (Path p : tree.toList()) {
                Files.setLastModifiedTime(p, older);
            }
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(root.resolve("pprof4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA", ChildJvm.java().toString());
        pb.environment().remove("PPROF4J_JAVA_OPTS");
        pb.environment().remove("PPROF4J_JIT");
        pb.environment().remove("PPROF4J_NO_BUILD");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish in 120 s");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void itPrintsWhatJavaDashJarPrintsWithItsFlagsOrWithout() throws Exception {
        Command.Result direct = CliJar.run("-top", PROFILE.toString()).requireSuccess(List.of("pprof4j.jar -top"));
        assertTrue(direct.stdout().contains("Type: inuse_space"), direct.stdout());
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("PPROF4J_JIT", "default"))) {
            Run r = launch(env, "-top", PROFILE.toString());
            assertEquals(0, r.code, env + ": " + r.err);
            assertEquals(direct.stdout(), r.out, env.toString());
            assertEquals("", r.err, env.toString());
        }
    }

    /**
     * The launcher's JIT settings follow the run: C1 alone for a JFR conversion, C2 delayed for
     * anything else (a pprof report, the -http server even on a recording), the JVM's own with
     * PPROF4J_JIT=default. The JVM prints its final flags before the run fails on the missing file.
     */
    @Test
    void theCompilerSettingsFollowWhatTheRunReads() throws Exception {
        Map<String, String> flags = Map.of("PPROF4J_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        String jfr = root.resolve("missing.jfr").toString();
        String pprof = root.resolve("missing.pb.gz").toString();
        assertEquals("1 5000", compilerSettings(launch(flags, "-proto", "-output", "x.pb.gz", jfr)));
        assertEquals("4 50000", compilerSettings(launch(flags, "-top", pprof)));
        assertEquals("4 50000", compilerSettings(launch(flags, "-http=127.0.0.1:0", jfr)));
        Map<String, String> jvmDefault = Map.of("PPROF4J_JAVA_OPTS", "-XX:+PrintFlagsFinal", "PPROF4J_JIT", "default");
        assertEquals("4 5000", compilerSettings(launch(jvmDefault, "-top", jfr)));
    }

    /** TieredStopAtLevel and Tier4InvocationThreshold, as -XX:+PrintFlagsFinal printed them. */
    private static String compilerSettings(Run r) {
        assertEquals(1, r.code, r.err);
        return flag(r.out, "TieredStopAtLevel") + " " + flag(r.out, "Tier4InvocationThreshold");
    }

    private static String flag(String printed, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(printed);
        assertTrue(m.find(), name + " not printed: " + printed.substring(0, Math.min(200, printed.length())));
        return m.group(1);
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Run r = launch(Map.of(), "-top", root.resolve("missing.pb.gz").toString());
        assertEquals(1, r.code, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("pprof4j: "), r.err);
        assertEquals("", r.out);
    }

    @Test
    void aSourceNewerThanTheJarMakesItBuildFirst() throws Exception {
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Run r = launch(Map.of(), "-top", PROFILE.toString());
        // the copy's pom is no pom: the build it starts fails, and says so
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.startsWith("pprof4j: building"), r.err);
        assertTrue(r.err.contains("pprof4j: the build failed"), r.err);
        assertEquals("", r.out);
        Run skipped = launch(Map.of("PPROF4J_NO_BUILD", "1"), "-top", PROFILE.toString());
        assertEquals(0, skipped.code, skipped.err);
        assertFalse(skipped.err.contains("building"), skipped.err);
    }

    private List<Path> archives() throws IOException {
        Path dir = root.resolve("pprof4j-cli/target/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Every file of the copied tree outside target/ directories. */
    private List<Path> sourceTree() throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(p -> !root.relativize(p).toString().contains("target"))
                    .filter(p -> !p.getFileName().toString().matches("(out|err).*\\.txt")).sorted().toList();
        }
    }

    @Test
    void theFirstReportRunWritesAClassDataArchiveThatLaterRunsUseWithTheSameOutput() throws Exception {
        String direct = CliJar.run("-top", PROFILE.toString()).requireSuccess(List.of("pprof4j.jar -top")).stdout();
        List<Path> tree = sourceTree();
        Run help = launch(Map.of(), "-help");
        assertEquals(0, help.code, help.err);
        assertEquals(List.of(), archives(), "-help writes no archive");
        Run off = launch(Map.of("PPROF4J_CDS", "0"), "-top", PROFILE.toString());
        assertEquals(direct, off.out);
        assertEquals(List.of(), archives(), "PPROF4J_CDS=0 writes no archive");

        Run first = launch(Map.of(), "-top", PROFILE.toString());
        assertEquals(0, first.code, first.err);
        assertEquals(direct, first.out);
        assertEquals("", first.err);
        List<Path> written = archives();
        assertEquals(1, written.size(), written.toString());
        Path archive = written.get(0);
        assertTrue(archive.toString().endsWith(".jsa") && Files.size(archive) > 10_000, written.toString());
        FileTime made = Files.getLastModifiedTime(archive);

        Run second = launch(Map.of(), "-top", PROFILE.toString());
        assertEquals(0, second.code, second.err);
        assertEquals(direct, second.out);
        assertEquals("", second.err);
        assertEquals(List.of(archive), archives());
        assertEquals(made, Files.getLastModifiedTime(archive), "a current archive is used, not written again");

        // stale: a jar newer than the archive makes the next report run write it again
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Run stale = launch(Map.of(), "-top", PROFILE.toString());
        assertEquals(0, stale.code, stale.err);
        assertEquals(direct, stale.out);
        assertEquals("", stale.err);
        assertEquals(List.of(archive), archives());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0);
        assertEquals(tree, sourceTree(), "nothing is written outside target/");
    }

    /**
     * The first report run after a build is not exec'ed (the launcher renames the archive it
     * writes afterwards): a TERM to the launcher, as a supervisor or a killed terminal sends,
     * must end its java too, and an interrupt (Ctrl-C) must reach java although bash starts a
     * background command with SIGINT ignored.
     */
    @Test
    void aKilledLauncherLeavesNoJavaBehind() throws Exception {
        for (String signal : List.of("TERM", "INT")) {
            ProcessBuilder pb = new ProcessBuilder(root.resolve("pprof4j").toString(), "-http=127.0.0.1:0",
                    PROFILE.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("JAVA", ChildJvm.java().toString());
            pb.environment().remove("PPROF4J_JAVA_OPTS");
            pb.environment().remove("PPROF4J_CDS");
            Process launcher = pb.start();
            ProcessHandle java = awaitChild(launcher);
            try {
                new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).start().waitFor();
                assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher outlived SIG" + signal);
                java.onExit().completeOnTimeout(java, 30, TimeUnit.SECONDS).join();
                assertFalse(java.isAlive(), "java outlived its launcher's SIG" + signal);
                assertTrue(launcher.exitValue() >= 128, "exit " + launcher.exitValue());
            } finally {
                java.destroyForcibly();
                launcher.destroyForcibly();
            }
        }
    }

    private static ProcessHandle awaitChild(Process launcher) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var child = launcher.toHandle().children().findFirst();
            if (child.isPresent() && child.get().info().command().orElse("").endsWith("java")) {
                Thread.sleep(1000); // let it get to its server, past the JVM's own start-up
                return child.get();
            }
            if (!launcher.isAlive()) {
                throw new AssertionError("the launcher ended before starting java: exit " + launcher.exitValue());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the launcher started no java in 60 s");
    }

    @Test
    void anArchiveTheJvmRefusesIsRunWithoutSilently() throws Exception {
        String direct = CliJar.run("-top", PROFILE.toString()).requireSuccess(List.of("pprof4j.jar -top")).stdout();
        assertEquals(0, launch(Map.of(), "-top", PROFILE.toString()).code);
        Path archive = archives().get(0);
        FileTime made = Files.getLastModifiedTime(archive);
        // not an archive at all; and one whose jar is not the one it was made with
        byte[] noise = new byte[100_000];
        new java.util.Random(7).nextBytes(noise);
        Files.delete(archive);
        Files.write(archive, noise);
        Files.setLastModifiedTime(archive, made);
        Run garbage = launch(Map.of(), "-top", PROFILE.toString());
        assertEquals(0, garbage.code, garbage.err);
        assertEquals(direct, garbage.out);
        assertEquals("", garbage.err);

        Files.delete(archive);
        assertEquals(0, launch(Map.of(), "-top", PROFILE.toString()).code);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 1000));
        Run otherJar = launch(Map.of(), "-top", PROFILE.toString()); // the JVM sees the jar's time changed
        assertEquals(0, otherJar.code, otherJar.err);
        assertEquals(direct, otherJar.out);
        assertEquals("", otherJar.err);
    }

    @Test
    void concurrentFirstRunsEachSucceedAndLeaveOneWholeArchive() throws Exception {
        String direct = CliJar.run("-top", PROFILE.toString()).requireSuccess(List.of("pprof4j.jar -top")).stdout();
        List<java.util.concurrent.Future<Run>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> launch(Map.of(), "-top", PROFILE.toString())));
            }
            for (java.util.concurrent.Future<Run> f : runs) {
                Run r = f.get(180, TimeUnit.SECONDS);
                assertEquals(0, r.code, r.err);
                assertEquals(direct, r.out);
                assertEquals("", r.err);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Path> left = archives();
        assertEquals(1, left.size(), "one archive, no temporary files: " + left);
        Run after = launch(Map.of(), "-top", PROFILE.toString());
        assertEquals(0, after.code, after.err);
        assertEquals(direct, after.out);
        assertEquals("", after.err);
    }
}
