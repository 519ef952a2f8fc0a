package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.runtime.workload.StartedFromCode;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code Pprof4j.start(...)} from application code, without the agent: it serves, lists
 * virtual threads through the JDK's thread dump (no Instrumentation to open the thread
 * containers), and does not keep the JVM alive once main returns.
 */
class StartedFromCodeIT {
    static final int VIRTUAL = 1_000;

    @Test
    void servesAndLetsTheApplicationExit() {
        int virtual = ChildJvm.feature() >= 21 ? VIRTUAL : 0;
        try (ChildJvm app = ChildJvm.builder(StartedFromCode.class.getName())
                .args(Integer.toString(virtual), "8000").start()) {
            String base = app.await(Pattern.compile("ready (http://\\S+/debug/pprof/)"), Duration.ofSeconds(60)).group(1);
            assertTrue(app.output().contains("pprof4j: serving " + base), app.output());
            GoTop top = GoTop.of(Http.get(base + "goroutine").body(), "-cum");
            if (virtual > 0) {
                assertEquals(VIRTUAL, top.row(LeakyService.class.getName() + ".parkVirtual").cumCount(), top.output());
                assertTrue(top.output().contains("HotSpotDiagnosticMXBean.dumpThreads"), top.output());
            } else {
                assertTrue(top.row(StartedFromCode.class.getName() + ".main").cumCount() == 1, top.output());
            }
            app.await(Pattern.compile("main returns"), Duration.ofSeconds(60));
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)), "the JVM exits when main returns:\n" + app.output());
        }
    }
}
