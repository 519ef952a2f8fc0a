package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /debug/pprof/heap/retainers} names the static map that holds a leak, with its size. */
class RetainersIT {
    @Test
    void chainFromStaticFieldToTheLeakedArrays() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LeakyCache.class.getName())
                .agent(ChildJvm.agentJar(), "port=0").jvmArg("-Xmx512m").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            app.await(Pattern.compile("ready 1"), Duration.ofSeconds(60));
            Http.Response r = Http.get(base + "/debug/pprof/heap/retainers?class=byte[]");
            String text = r.text();
            assertEquals(200, r.status(), text);
            // The largest chain: static LeakyCache.ENTRIES -> ConcurrentHashMap.table -> Node[][] -> Node.val -> byte[]
            Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\d+)\\s+(static .*)$").matcher(text);
            assertTrue(m.find(), text);
            String chain = m.group(3);
            assertTrue(chain.startsWith("static " + LeakyCache.class.getName() + ".ENTRIES -> "
                    + "java.util.concurrent.ConcurrentHashMap.table"), chain);
            assertTrue(chain.endsWith("java.util.concurrent.ConcurrentHashMap$Node.val -> byte[]"), chain);
            assertEquals(20_000, Long.parseLong(m.group(1)), text);
            assertEquals(20_000L * 2016, Long.parseLong(m.group(2)), text);

            Http.Response bad = Http.get(base + "/debug/pprof/heap/retainers");
            assertEquals(400, bad.status(), bad.text());
        }
    }
}
