package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.ExitsOnSignal;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A service restarted while async-profiler records for its agent (a CPU profile under way,
 * the lock engine always on) leaves none of the recordings' files in its temp directory; they
 * can be 16 MiB each, and a service restarts many times.
 */
class RecordingFilesIT {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cpuengine=async-profiler        | pprof4j-cpu-",   // a CPU profile under way
        "contentionengine=async-profiler | pprof4j-locks-"  // the lock engine, on from start
    })
    void aServiceThatExitsWhileRecordingLeavesNoRecordingFiles(String options, String prefix) throws Exception {
        Path tmp = Files.createTempDirectory("pprof4j-recording-files-it");
        Path signal = tmp.resolve("exit-now");
        try (ChildJvm app = ChildJvm.builder(ExitsOnSignal.class.getName())
                .jvmArg("-Djava.io.tmpdir=" + tmp)
                .agent(ChildJvm.agentJar(), "port=0," + options)
                .args(signal.toString())
                .start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
            Thread profile = new Thread(() -> {
                try {
                    Http.get(base + "profile?seconds=60", Duration.ofSeconds(90), Map.of());
                } catch (RuntimeException e) {
                    // the service exits in the middle of it: that is the point
                }
            }, "profile-request");
            profile.setDaemon(true);
            profile.start();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (recordings(tmp).stream().noneMatch(n -> n.startsWith(prefix)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000); // the recording under way, not in the middle of its start
            List<String> during = recordings(tmp);
            assertTrue(during.stream().anyMatch(n -> n.startsWith(prefix)),
                    "a " + prefix + " recording should be open before the exit, found " + during + "\n" + app.output());

            Files.createFile(signal);
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)), app.output());
            assertEquals(List.of(), recordings(tmp), "recording files left after a normal exit\n" + app.output());
        } finally {
            try (Stream<Path> left = Files.walk(tmp)) {
                for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<String> recordings(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("pprof4j-cpu-") || n.startsWith("pprof4j-locks-"))
                    .sorted().toList();
        }
    }
}
