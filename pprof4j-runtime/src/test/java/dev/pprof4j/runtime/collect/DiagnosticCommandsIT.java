package dev.pprof4j.runtime.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.JfrSettings;
import dev.pprof4j.testkit.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent runs its start-up diagnostic commands without creating the platform MBean server
 * (about 10 MB of an idle JVM's RSS), and they still take effect: JFR's buffers are sized
 * ({@code JFR.configure}) and HotSpot says nothing while the contention sampler re-binds
 * {@code Unsafe.park} ({@code VM.log}).
 */
class DiagnosticCommandsIT {
    @Test
    void startUpCommandsRunWithoutThePlatformMBeanServer() {
        try (ChildJvm app = ChildJvm.builder(JfrSettings.class.getName()).agent(ChildJvm.agentJar(), "port=0")
                .args("60000").start()) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(90)), app.output());
            String output = app.output();
            assertTrue(output.contains("MBean servers at start: 0"), output);
            assertTrue(output.contains("JFR initialized: true"), output);
            assertTrue(output.contains("Global buffer size: 256.0 kB"), output);
            assertFalse(output.contains("jni,resolve"), output);
        }
    }
}
