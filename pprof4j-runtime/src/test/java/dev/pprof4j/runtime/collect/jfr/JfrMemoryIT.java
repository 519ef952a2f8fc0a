package dev.pprof4j.runtime.collect.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.JfrSettings;
import dev.pprof4j.testkit.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent's JFR stream runs on 1 MB of global buffers rather than JFR's 10 MB, unless the user
 * configured JFR on the command line.
 */
class JfrMemoryIT {
    @Test
    void theStreamSizesJfrsBuffers() {
        String settings = settings(ChildJvm.builder(JfrSettings.class.getName()));
        assertTrue(settings.contains("Global buffer count: " + JfrMemory.GLOBAL_BUFFER_COUNT)
                && settings.contains("Global buffer size: 256.0 kB"), settings);
    }

    @Test
    void aUsersJfrOptionsWin() {
        String settings = settings(ChildJvm.builder(JfrSettings.class.getName())
                .jvmArg("-XX:FlightRecorderOptions:memorysize=20m"));
        assertTrue(settings.contains("Memory size: 20.0 MB"), settings);
        assertFalse(settings.contains("Global buffer size: 256.0 kB"), settings);
    }

    private static String settings(ChildJvm.Builder builder) {
        try (ChildJvm app = builder.agent(ChildJvm.agentJar(), "port=0").args("60000").start()) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(90)), app.output());
            String output = app.output();
            assertTrue(output.contains("JFR initialized: true"), output);
            return output;
        }
    }
}
