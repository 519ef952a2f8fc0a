package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * async-profiler writes its {@code [WARN]} lines (an unknown argument here; a thread whose
 * perf_event_open failed in the field) to the host's standard output unless told otherwise:
 * the agent's commands keep it silent. Before, this printed {@code [WARN] Unknown argument}.
 */
class QuietLibraryIT {
    @Test
    void asyncProfilerWritesNothingToTheHostsOutput() throws Exception {
        try (ChildJvm app = ChildJvm.builder(QuietLibraryMain.class.getName()).start()) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(60)), app.output());
            String output = app.output();
            assertTrue(output.contains("commands done"), output);
            assertFalse(output.contains("[WARN]") || output.contains("[INFO]") || output.contains("pprof4jprobe"),
                    "async-profiler wrote to the host's output:\n" + output);
        }
    }
}
