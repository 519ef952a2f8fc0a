package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.ThreadsAndRecordings;
import dev.pprof4j.testkit.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An agent that cannot bind its port leaves nothing behind in the host: no JFR recording (the
 * always-on stream cost the host about 48 MB), no pprof4j or JFR threads — one line on
 * standard error, and the application runs on.
 */
class FailedStartIT {
    @Test
    void aBusyPortLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ChildJvm app = ChildJvm.builder(ThreadsAndRecordings.class.getName()).args("1500")
                     .agent(ChildJvm.agentJar(), "port=" + taken.getLocalPort()).start()) {
            assertEquals(0, app.waitFor(Duration.ofSeconds(60)), app.output());
            String output = app.output();
            System.out.println("FailedStartIT: " + output.replace('\n', ' '));
            assertTrue(output.contains("pprof4j: not started: cannot serve /debug/pprof on"), output);
            assertTrue(output.contains("agent threads: []"), "threads left running: " + output);
            assertTrue(output.contains("recordings: 0 (JFR never started)"), "JFR left running: " + output);
            assertEquals(1, output.lines().filter(l -> l.startsWith("pprof4j")).count(), "one line: " + output);
        }
    }
}
