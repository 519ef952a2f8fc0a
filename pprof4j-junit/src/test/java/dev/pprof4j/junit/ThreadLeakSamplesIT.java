package dev.pprof4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pprof4j.junit.sample.AllocationReportSamples;
import dev.pprof4j.junit.sample.SampleLauncher;
import dev.pprof4j.junit.sample.ThreadLeakSamples;
import dev.pprof4j.testkit.Command;

/**
 * Runs the sample test project ({@link ThreadLeakSamples}) through the JUnit Platform
 * Launcher in a child JVM on each supported JUnit: the build's own (5.14), the oldest
 * supported (5.10.5) and JUnit 6, and checks which tests fail and what the reports say.
 * The child runs on the JDK running this test, so CI covers JDK 17 and 25 (virtual
 * threads: 21+).
 */
class ThreadLeakSamplesIT {
    private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    private record Outcome(String status, String message) {
    }

    @ParameterizedTest(name = "JUnit {0}")
    @ValueSource(strings = {"build", "5.10.5", "6.1.3"})
    void leakedThreadsFailTestsAndCleanTestsPass(String junit) throws Exception {
        Map<String, Outcome> results = new HashMap<>();
        String ranOn = run(junit, results);
        if (!junit.equals("build")) {
            assertEquals(junit, ranOn, "the child JVM ran another JUnit than intended");
        } else {
            assertTrue(ranOn.startsWith("5."), ranOn);
        }

        Outcome executor = results.get("leaksExecutor");
        assertEquals("FAILED", executor.status(), executor.message());
        assertContains(executor.message(), "leaksExecutor() in dev.pprof4j.junit.sample.ThreadLeakSamples left threads behind");
        assertContains(executor.message(), "found unexpected threads:");
        assertContains(executor.message(), "[2 threads in state WAITING");
        assertContains(executor.message(), "\"pool-");
        // the creation site: the pool's addWorker called from the leaking test method
        assertContains(executor.message(), "created by thread \"main\"");
        assertContains(executor.message(), "java.util.concurrent.ThreadPoolExecutor.addWorker(line ");
        assertContains(executor.message(), "dev.pprof4j.junit.sample.ThreadLeakSamples.leaksExecutor(line ");

        Outcome virtual = results.get("leaksVirtualThread");
        Outcome joined = results.get("joinsVirtualThread");
        if (VIRTUAL_THREADS) {
            assertEquals("FAILED", virtual.status(), virtual.message());
            assertContains(virtual.message(), "[1 thread (virtual) in state ");
            assertContains(virtual.message(), "dev.pprof4j.junit.sample.ThreadLeakSamples.parkForever(ThreadLeakSamples.java:");
            assertContains(virtual.message(), "created by: unknown (JFR records no creating stack for virtual threads)");
            assertEquals("SUCCESSFUL", joined.status(), joined.message());
        } else {
            assertEquals("ABORTED", virtual.status(), "below JDK 21 the virtual-thread sample is skipped");
            assertEquals("ABORTED", joined.status());
        }

        for (String clean : List.of("closesExecutor", "shutsDownWithoutWaiting", "leakIgnoredByName",
                "leakIgnoredByTopFunction")) {
            assertEquals("SUCCESSFUL", results.get(clean).status(), clean + ": " + results.get(clean).message());
        }

        // Without ignoreCurrent the thread the sample class started before any test is a leak too.
        Outcome strict = results.get("threadsAliveBeforeCountWithoutIgnoreCurrent");
        assertEquals("FAILED", strict.status(), strict.message());
        assertContains(strict.message(), "\"started-with-the-class\"");

        Outcome refused = results.get("refusesBadOption");
        assertEquals("FAILED", refused.status());
        assertContains(refused.message(), "ExtensionConfigurationException: @NoThreadLeaks: ignoreThreadName(\"[unclosed\"): not a regular expression");
        Outcome negative = results.get("refusesNegativeGrace");
        assertEquals("FAILED", negative.status());
        assertContains(negative.message(), "ExtensionConfigurationException: @NoThreadLeaks: graceMillis = -1: a grace"
                + " period cannot be negative; use 0 to look once");
        // @ReportAllocations: 16 bytes an Integer; the primitive loop's share is JUnit's own call.
        double boxing = Double.parseDouble(results.get("AllocationReportSamples.boxes()").message());
        double primitive = Double.parseDouble(results.get("AllocationReportSamples.addsPrimitives()").message());
        assertTrue(boxing >= 16 && boxing < 17, "boxing loop: " + boxing + " B/op");
        assertTrue(primitive < 1, "primitive loop: " + primitive + " B/op");
        assertEquals("SUCCESSFUL", results.get("boxes").status());
        assertEquals(14, results.size(), results.keySet().toString());
    }

    private static String run(String junit, Map<String, Outcome> results) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpprof4j.samples=true", "-cp", classPath(junit),
                SampleLauncher.class.getName(), ThreadLeakSamples.class.getName(),
                AllocationReportSamples.class.getName());
        Command.Result result = Command.run(Duration.ofSeconds(90), command).requireSuccess(command);
        // JUnit 6 warns about store values that are only CloseableResource; ours must close silently.
        assertTrue(!result.stderr().contains("CloseableResource"), result.stderr());
        String junitVersion = null;
        for (String line : result.stdout().split("\n")) {
            String[] words = line.split(" ", 4);
            if (words[0].equals("JUNIT")) {
                junitVersion = words[1];
            } else if (words[0].equals("allocations:")) {
                // allocations: AllocationReportSamples.boxes(): 1,600,016 B, 16.0 B/op (100,000 ops)
                String test = words[1].replace(":", "");
                String bytesPerOp = line.replaceAll(".*, ([0-9.,]+) B/op.*", "$1").replace(",", "");
                results.put(test, new Outcome("ALLOCATED", bytesPerOp));
            } else if (words[0].equals("RESULT")) {
                String message = words.length > 3
                        ? new String(Base64.getDecoder().decode(words[3].strip()), StandardCharsets.UTF_8) : "";
                results.put(words[1], new Outcome(words[2], message));
            }
        }
        assertNotNull(junitVersion, "no JUNIT line from the child:\n" + result.stdout() + result.stderr());
        return junitVersion;
    }

    /** This JVM's class path, with its JUnit swapped for the requested one. */
    private static String classPath(String junit) throws Exception {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        if (junit.equals("build")) {
            return String.join(File.pathSeparator, entries);
        }
        List<String> swapped = new ArrayList<>();
        for (String entry : entries) {
            String path = entry.replace('\\', '/');
            if (!path.contains("/org/junit/") && !path.contains("/org/opentest4j/")
                    && !path.contains("/org/apache/maven/surefire/")) {
                swapped.add(entry);
            }
        }
        Path stack = Path.of(System.getProperty("pprof4j.junitStacks", "target/junit-stacks"), junit);
        assertTrue(Files.isDirectory(stack), stack + " is missing; the pre-integration-test phase copies it");
        try (Stream<Path> jars = Files.list(stack)) {
            swapped.addAll(jars.map(Path::toString).sorted().collect(Collectors.toList()));
        }
        return String.join(File.pathSeparator, swapped);
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected «" + part + "» in:\n" + text);
    }
}
