package dev.pprof4j.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Attaching to a pid that is no JVM stops before the Attach API's SIGQUIT, which would end
 * it: a real {@code sleep} is refused in one line, fast, and is still running afterwards.
 */
class JavaProcessTest {
    @Test
    void aSleepIsRefusedInOneLineAndLivesOn() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            long pid = sleep.pid();
            long start = System.nanoTime();
            // The pid is checked first: no agent jar is needed to be told it is no JVM.
            IOException e = assertThrows(IOException.class, () -> Attacher.attach(pid, Path.of("no-agent.jar"), ""));
            double millis = (System.nanoTime() - start) / 1e6;
            assertEquals("pid " + pid + " is not a Java process (sleep: no libjvm.so in /proc/" + pid + "/maps);"
                    + " give the pid of a JVM (jps lists them)", e.getMessage());
            // Refused before attaching, not after the Attach API's wait for an answer (10 s by
            // default); the bound leaves a loaded machine room and still tells the two apart.
            assertTrue(millis < 5_000, millis + " ms");
            Thread.sleep(200); // a SIGQUIT would have ended it by now
            assertTrue(sleep.isAlive(), "sleep was killed: exit " + (sleep.isAlive() ? "-" : sleep.exitValue()));
        } finally {
            sleep.destroy();
            sleep.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void thisJvmPasses() {
        assertDoesNotThrow(() -> JavaProcess.require(ProcessHandle.current().pid()));
    }

    @Test
    void aPidWithNoProcessIsNamed() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(5, TimeUnit.SECONDS);
        IOException e = assertThrows(IOException.class, () -> JavaProcess.require(p.pid()));
        assertEquals("no process " + p.pid() + " is running", e.getMessage());
    }
}
