package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.Command;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code pprof4j attach} to a process that is no JVM: one line, exit 1, and the process lives on. */
class AttachCommandIT {
    @Test
    void attachingToASleepLeavesItAliveAndSaysWhy() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            long pid = sleep.pid();
            Command.Result r = CliJar.run("attach", Long.toString(pid));
            assertEquals(1, r.exitCode(), r.stderr());
            assertEquals("pprof4j: attach: pid " + pid + " is not a Java process (sleep: no libjvm.so in /proc/" + pid
                    + "/maps); give the pid of a JVM (jps lists them)", r.stderr().strip());
            assertEquals("", r.stdout());
            Thread.sleep(200); // a SIGQUIT would have ended it by now
            assertTrue(sleep.isAlive(), "the sleep was killed");
        } finally {
            sleep.destroy();
            sleep.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
