package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pprof4j demo}, run in-process as ./pprof4j runs it: the report names all four seeded leaks. */
class DemoIT {
    @Test
    void demoNamesAllFourLeaksWithTheirFixes() {
        System.setProperty("pprof4j.agent.jar", LeakHuntIT.AGENT.toString());
        long start = System.nanoTime();
        LeakHuntIT.Run run = LeakHuntIT.pprof4j("demo");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, run.code(), run.err() + run.out());
        String report = run.out();
        for (String named : List.of("started by dev.pprof4j.cli.demo.RpcClient.<init>",
                "started by dev.pprof4j.cli.demo.QuoteFeed.subscribe", "dev.pprof4j.cli.demo.PriceCache.remember",
                "dev.pprof4j.cli.demo.RequestLogger.capture")) {
            assertTrue(report.contains(named), named + " missing from:\n" + report + "\nstderr:\n" + run.err());
        }
        for (String fix : List.of("reuse one client", "stop the producer", "bound the cache",
                "don't let logging keep what it logs")) {
            assertTrue(report.contains("fix: " + fix), fix + " missing from:\n" + report);
        }
        // Who holds the two heap leaks: the reference chains from their static roots.
        for (String chain : List.of("held by: static dev.pprof4j.cli.demo.PriceCache.QUOTES → java.util.concurrent.ConcurrentHashMap",
                "held by: static dev.pprof4j.cli.demo.RequestLogger.RECENT_BODIES → java.util.concurrent.ConcurrentLinkedQueue")) {
            assertTrue(report.contains(chain), chain + " missing from:\n" + report);
        }
        assertTrue(report.startsWith("pprof4j leaks: 4 leaks found"), report);
        assertTrue(seconds < 120, "the demo took " + seconds + "s");
        assertTrue(run.err().contains("stopping the demo service"), run.err());
    }
}
