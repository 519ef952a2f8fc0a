package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /debug/pprof/heap/retainers} names the static map that holds a leak, with its size: by
 * class (every live {@code byte[]}), and by allocation site (the sampled objects of
 * {@code LeakyCache.fill}), while a site that only made garbage ({@code LeakyCache.churn}) gets
 * no chain. One child JVM for all.
 */
class RetainersIT {
    private static final Pattern ROW = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\d+)\\s+(\\S.*)$");
    private static final String MAP_CHAIN = "static " + LeakyCache.class.getName() + ".ENTRIES -> "
            + "java.util.concurrent.ConcurrentHashMap.table -> java.util.concurrent.ConcurrentHashMap$Node[] -> "
            + "java.util.concurrent.ConcurrentHashMap$Node.val -> byte[]";
    /** A sample every 64 KiB: about 600 of the 40 MB kept, so the estimate is within a few %. */
    private static final int RATE = 64 * 1024;

    private static ChildJvm app;
    private static String base;

    @BeforeAll
    static void startLeakyCache() {
        app = ChildJvm.builder(LeakyCache.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,memprofilebudget=0,stwbudget=100,memprofilerate=" + RATE).jvmArg("-Xmx512m").start();
        base = app.awaitPprofUrl(Duration.ofSeconds(60));
        app.await(Pattern.compile("ready 1"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void byClassChainFromStaticFieldToTheLeakedArrays() {
        Http.Response r = Http.get(base + "/debug/pprof/heap/retainers?class=byte[]");
        String text = r.text();
        assertEquals(200, r.status(), text);
        Matcher m = ROW.matcher(text);
        assertTrue(m.find(), text);
        assertEquals(MAP_CHAIN, m.group(3), text);
        assertEquals(LeakyCache.COUNT, Long.parseLong(m.group(1)), text);
        assertEquals((long) LeakyCache.COUNT * (16 + LeakyCache.SIZE), Long.parseLong(m.group(2)), text);
    }

    @Test
    void bySiteTheRetainingSiteGetsTheMapChainWithItsEstimatedBytes() {
        Http.Response r = Http.get(base + "/debug/pprof/heap/retainers?site=" + encode("LeakyCache\\.fill\\("));
        String text = r.text();
        assertEquals(200, r.status(), text);
        assertTrue(text.contains("samples") && text.contains("est. bytes"), text);
        Matcher m = ROW.matcher(text);
        assertTrue(m.find(), text);
        assertEquals(MAP_CHAIN, m.group(3), text);
        long truth = (long) LeakyCache.COUNT * (16 + LeakyCache.SIZE);
        double ratio = Long.parseLong(m.group(2)) / (double) truth;
        // ~600 samples: one sigma is about 4 %; 20 % is five.
        assertTrue(ratio > 0.8 && ratio < 1.2, "estimated " + m.group(2) + " of " + truth + " bytes:\n" + text);
    }

    @Test
    void bySiteAGarbageSiteGetsNoChain() {
        Http.Response r = Http.get(base + "/debug/pprof/heap/retainers?site=" + encode("LeakyCache\\.churn\\("));
        String text = r.text();
        assertEquals(200, r.status(), text); // the site was sampled (else 404) ...
        assertTrue(text.contains(": 0 of "), text); // ... and none of its samples is reachable
        assertFalse(ROW.matcher(text).find(), text);
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertEquals(400, Http.get(base + "/debug/pprof/heap/retainers").status());
        assertEquals(400, Http.get(base + "/debug/pprof/heap/retainers?class=byte[]&site=x").status());
        Http.Response badRegex = Http.get(base + "/debug/pprof/heap/retainers?site=" + encode("fill("));
        assertEquals(400, badRegex.status(), badRegex.text());
        Http.Response noSite = Http.get(base + "/debug/pprof/heap/retainers?site=NoSuchMethodAnywhere");
        assertEquals(404, noSite.status(), noSite.text());
        assertTrue(noSite.text().contains("no sampled allocation site"), noSite.text());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
