package dev.pprof4j.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import java.util.regex.Matcher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real child JVM with the agent ({@code -javaagent:pprof4j-agent.jar=port=0}) running a
 * service that leaks one pool thread per request (and, on JDK 21+, parks 10 000 virtual
 * threads in one method); every endpoint checked through HTTP and the real go tool pprof.
 */
class EndpointsIT {
    static final int LEAKED = 40;
    static final int VIRTUAL = 10_000;

    static ChildJvm app;
    static String base;

    @BeforeAll
    static void start() {
        ChildJvm.Builder builder = ChildJvm.builder(LeakyService.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,maxseconds=20")
                .args(Integer.toString(LEAKED), "50");
        if (ChildJvm.feature() >= 21) {
            builder.args(Integer.toString(VIRTUAL));
        }
        app = builder.start();
        base = app.awaitPprofUrl(Duration.ofSeconds(60)) + "/debug/pprof/";
        app.await(Pattern.compile("leaked " + LEAKED), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void threadcreateNamesTheMethodThatBuildsThePool() throws Exception {
        // JFR delivers thread start events about once a second.
        GoTop top = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            top = GoTop.of(Http.get(base + "threadcreate").body(), "-cum");
            GoTop.Row row = top.rows().get(LeakyService.class.getName() + ".handleRequest");
            if (row != null && row.cumCount() >= LEAKED) {
                break;
            }
            Thread.sleep(500);
        }
        GoTop.Row culprit = top.row(LeakyService.class.getName() + ".handleRequest");
        assertEquals(LEAKED, culprit.cumCount(), top.output());
        assertTrue(top.output().contains("Type: threadcreate"), top.output());
    }

    @Test
    void goroutineCountsEveryLiveThreadGroupedByStack() {
        Http.Response response = Http.get(base + "goroutine");
        assertEquals(200, response.status());
        assertEquals("application/octet-stream", response.header("content-type"));
        assertEquals("attachment; filename=\"goroutine\"", response.header("content-disposition"));
        GoTop top = GoTop.of(response.body(), "-cum");
        // Every leaked worker idles in the pool's loop.
        assertTrue(top.row("java.util.concurrent.ThreadPoolExecutor.getTask").cumCount() >= LEAKED, top.output());

        String text = Http.get(base + "goroutine?debug=1").text();
        assertTrue(text.startsWith("goroutine profile: total "), text);
        assertTrue(text.contains("\n" + LEAKED + " @ 0x"), "one group of the " + LEAKED + " idle workers:\n" + text);
    }

    @Test
    void tenThousandVirtualThreadsBlockedInOneMethodAreOneGroup() {
        Assumptions.assumeTrue(ChildJvm.feature() >= 21, "virtual threads need JDK 21+; this JDK is "
                + ChildJvm.feature());
        GoTop top = GoTop.of(Http.get(base + "goroutine").body(), "-cum");
        assertEquals(VIRTUAL, top.row(LeakyService.class.getName() + ".parkVirtual").cumCount(), top.output());
        String text = Http.get(base + "goroutine?debug=1").text();
        assertTrue(Pattern.compile("(?m)^" + VIRTUAL + " @ ").matcher(text).find(),
                "one group of " + VIRTUAL + ":\n" + text.substring(0, Math.min(3000, text.length())));
    }

    @Test
    void fullDumpShowsStateLocksAndCreator() throws Exception {
        String creator = "created by " + LeakyService.class.getName() + ".handleRequest in thread \"main\"";
        String dump = Http.get(base + "goroutine?debug=2").text();
        for (int attempt = 0; attempt < 20 && !dump.contains(creator); attempt++) {
            Thread.sleep(500); // JFR delivers thread start events about once a second
            dump = Http.get(base + "goroutine?debug=2").text();
        }
        assertTrue(dump.contains(creator), dump.substring(0, Math.min(4000, dump.length())));
        assertTrue(Pattern.compile("goroutine \\d+ \\[TIMED_WAITING\\]: \"main\"").matcher(dump).find(), dump);
        assertTrue(dump.contains("created by unknown (started before pprof4j)"), "the main thread predates the agent");
        assertTrue(dump.contains("- waiting on java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"),
                "lock details of the idle workers");
        // generated classes named as in the profiles, without their per-run suffix
        Matcher runSpecific = Pattern.compile("\\$\\$Lambda\\$\\d|\\$\\$Lambda[/.+]0x|[/+]0x[0-9a-f]{6,}").matcher(dump);
        assertFalse(runSpecific.find(), () -> "a run-specific name: " + runSpecific.group());
        // the agent's own threads run lambdas, which the JVM names with their address
        assertTrue(dump.contains("$$Lambda.run(...)"), dump);
    }

    @Test
    void indexCmdlineSymbolAndVars() {
        Http.Response index = Http.get(base);
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.header("content-type"));
        assertTrue(index.text().contains("<a href='goroutine?debug=1'>goroutine</a>"), index.text());

        Http.Response cmdline = Http.get(base + "cmdline");
        assertTrue(cmdline.text().contains("\0" + LeakyService.class.getName() + "\0"), cmdline.text());

        assertEquals("num_symbols: 0\n", Http.get(base + "symbol").text());

        Http.Response vars = Http.get(base.replace("/debug/pprof/", "/debug/vars"));
        assertEquals("application/json; charset=utf-8", vars.header("content-type"));
        for (String key : new String[] {"\"cmdline\"", "\"memstats\"", "\"HeapAlloc\"", "\"HeapSys\"", "\"HeapMax\"",
                "\"NumGC\"", "\"PauseTotalNs\"", "\"PauseNs\"", "\"Pools\"", "\"Platform\"", "\"Virtual\"", "\"Daemon\""}) {
            assertTrue(vars.text().contains(key), key + " in " + vars.text());
        }
    }

    @Test
    void badRequestsAreRefusedWithOneLine() {
        Http.Response unknown = Http.get(base + "nosuch");
        assertEquals(404, unknown.status());
        assertEquals("Unknown profile\n", unknown.text());
        assertEquals("1", unknown.header("x-go-pprof"));

        for (String bad : new String[] {"goroutine?debug=x", "heap?seconds=-1", "goroutine?seconds=abc",
                "goroutine?seconds=1&debug=1", "profile?seconds=21", "profile?seconds=zz", "trace?seconds=1000"}) {
            Http.Response response = Http.get(base + bad);
            assertEquals(400, response.status(), bad + ": " + response.text());
            assertTrue(response.text().endsWith("\n") && response.text().indexOf('\n') == response.text().length() - 1,
                    "one line for " + bad + ": " + response.text());
        }
    }

    @Test
    void heapAllocsBlockMutexAndDeltasReadInGoPprof() {
        for (String name : new String[] {"heap", "allocs", "block", "mutex"}) {
            Http.Response response = Http.get(base + name + "?gc=1");
            assertEquals(200, response.status(), name + ": " + response.text());
            GoTop top = GoTop.of(response.body());
            // heap and allocs come from the JVMTI sampler (built wherever gcc is, as in CI);
            // block and mutex from libpprof4j's contention sampler, in the same library.
            String engine = "engine: pprof4j JVMTI";
            assertTrue(top.output().contains(engine), name + " names its engine (" + engine + "): " + top.output());
        }
        Http.Response delta = Http.get(base + "goroutine?seconds=1");
        assertEquals(200, delta.status(), delta.text());
        assertEquals("attachment; filename=\"goroutine-delta\"", delta.header("content-disposition"));
        GoTop.of(delta.body());
    }

    @Test
    void aSecondCpuProfileIsServedAlongsideTheFirst() throws Exception {
        // Go refuses ("cpu profiling already in use"); the shared engine gives each its window.
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> Http.get(base + "profile?seconds=4"));
        Thread.sleep(700);
        Http.Response second = Http.get(base + "profile?seconds=1");
        boolean firstStillRunning = !first.isDone();
        assertEquals(200, second.status(), second.text());
        assertTrue(GoTop.of(second.body()).output().contains("Type: cpu"));
        assertTrue(firstStillRunning, "the second window must end while the first still samples");
        Http.Response profile = first.get();
        assertEquals(200, profile.status(), profile.text());
        assertTrue(GoTop.of(profile.body()).output().contains("Type: cpu"));
    }

    @Test
    void traceIsAJfrRecording() {
        Http.Response trace = Http.get(base + "trace?seconds=1");
        assertEquals(200, trace.status(), trace.text());
        assertEquals("FLR\0", new String(trace.body(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
