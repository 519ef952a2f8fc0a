package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./pprof4j} launcher and its class-data-sharing archive, on a copy of the tree
 * (script and jar) with the JDK running the test: the report is byte for byte the same with
 * no archive, while the archive is written, with it, and with one the JVM must refuse;
 * nothing about the archive ever reaches stdout or stderr.
 */
class LauncherIT {
    private static final Path PROFILE = Path.of("../examples/go-heap.pb.gz").toAbsolutePath().normalize();

    @TempDir
    Path root;
    Path jar;
    Path cds;

    @BeforeEach
    void copyTheTree() throws IOException {
        Files.copy(Path.of("../pprof4j"), root.resolve("pprof4j"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = root.resolve("pprof4j-cli/target/pprof4j.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(CliJar.path(), jar);
        cds = root.resolve("pprof4j-cli/target/cds");
    }

    private record Run(int code, String out, String err) {
    }

    private record Started(Process process, Path out, Path err) {
        Run finish() throws Exception {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish in 60 s");
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    private Started start(Map<String, String> env, String... args) throws IOException {
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(root.resolve("pprof4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA", ChildJvm.java().toString());
        pb.environment().put("PPROF4J_NO_BUILD", "1"); // the copy has no sources to build
        pb.environment().remove("PPROF4J_JAVA_OPTS");
        pb.environment().remove("PPROF4J_CDS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        return new Started(pb.start(), out, err);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        return start(env, args).finish();
    }

    private Run top(Map<String, String> env) throws Exception {
        Run r = run(env, "-top", PROFILE.toString());
        assertEquals(0, r.code, r.err);
        return r;
    }

    private List<String> files(String glob) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(cds)) {
            try (var dir = Files.newDirectoryStream(cds, glob)) {
                dir.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }

    private String withoutArchive() throws Exception {
        Run plain = top(Map.of("PPROF4J_CDS", "0"));
        assertTrue(plain.out.contains("Type: inuse_space"), plain.out);
        assertEquals(List.of(), files("*"), "PPROF4J_CDS=0 writes no archive");
        return plain.out;
    }

    @Test
    void aFreshTreeWritesOneArchiveThatLaterRunsUseAndTheReportIsTheSame() throws Exception {
        String expected = withoutArchive();
        Run first = top(Map.of());
        assertEquals(expected, first.out);
        assertEquals("", first.err);
        assertEquals(1, files("*.jsa").size(), files("*").toString());
        assertEquals(List.of(), files("*.tmp"));

        Path log = root.resolve("classes.log");
        Run second = top(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log));
        assertEquals(expected, second.out);
        try (Stream<String> lines = Files.lines(log)) {
            assertTrue(lines.anyMatch(l -> l.contains("dev.pprof4j.cli.Main source: shared objects file (top)")),
                    "the second run took the CLI's classes from the archive");
        }
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
        String expected = withoutArchive();
        top(Map.of());
        List<String> before = files("*.jsa");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        Run rebuilt = top(Map.of());
        assertEquals(expected, rebuilt.out);
        assertEquals("", rebuilt.err);
        List<String> after = files("*.jsa");
        assertEquals(1, after.size(), after.toString());
        assertNotEquals(before, after);
    }

    @Test
    void anArchiveTheJvmRefusesIsIgnoredSilently() throws Exception {
        String expected = withoutArchive();
        top(Map.of());
        // made for another jar: its name says this jar (the launcher cannot tell), the JVM refuses it
        Path kept = root.resolve("kept.jsa");
        Files.copy(cds.resolve(files("*.jsa").get(0)), kept);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        top(Map.of());
        Path current = cds.resolve(files("*.jsa").get(0));
        Files.delete(current);
        Files.copy(kept, current);
        Run mismatched = top(Map.of());
        assertEquals(expected, mismatched.out);
        assertEquals("", mismatched.err);
        // not an archive at all (another JDK's format, a torn copy)
        Files.delete(current);
        Files.write(current, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Run garbage = top(Map.of());
        assertEquals(expected, garbage.out);
        assertEquals("", garbage.err);
    }

    @Test
    void twoRunsStartedAtOnceOnAFreshTreeBothSucceed() throws Exception {
        String expected = withoutArchive();
        Started a = start(Map.of(), "-top", PROFILE.toString());
        Started b = start(Map.of(), "-top", PROFILE.toString());
        for (Started s : List.of(a, b)) {
            Run r = s.finish();
            assertEquals(0, r.code, r.err);
            assertEquals(expected, r.out);
            assertEquals("", r.err);
        }
        assertEquals(1, files("*.jsa").size(), files("*").toString());
        assertEquals(List.of(), files("*.tmp"));
        assertEquals(expected, top(Map.of()).out);
    }

    @Test
    void badInputOnAFreshTreeIsOneLineAndExitOne() throws Exception {
        Run r = run(Map.of(), "-top", root.resolve("missing.pb.gz").toString());
        assertEquals(1, r.code, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("pprof4j: "), r.err);
        assertEquals("", r.out);
    }
}
