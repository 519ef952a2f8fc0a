package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In use is as of the last completed GC, as in Go's heap profile: garbage thrown away since the
 * last collection is not in use (it used to be, by hundreds of MB on a churning service, until
 * the next GC swept it), an object kept since then joins in use at the next GC, and
 * {@code gc=1} shows it at once. The child's young generation is large enough that its churn
 * phase runs without a collection, which it reports.
 */
class InuseAsOfLastGcIT {
    private static final int RATE = 32 * 1024;
    private static final Pattern READY_1 = Pattern.compile("ready 1 held=(\\d+)");
    private static final Pattern READY_2 = Pattern.compile("ready 2 fresh=(\\d+) collections=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void garbageSinceTheLastGcIsNotInUseAndGcOneShowsWhatWasKept() throws Exception {
        Path control = dir.resolve("control");
        ChildJvm.Builder child = ChildJvm.builder(GarbageSinceLastGc.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,memprofilebudget=0,memprofilerate=" + RATE)
                // G1 with a fixed 1.5 GB young generation: the 240 MB of the churn phase fit in eden.
                // (Not Serial: on JDK 17 with this young generation its samples read 0.2-0.4 of the truth.)
                .jvmArg("-XX:+UseG1GC").jvmArg("-Xms2g").jvmArg("-Xmx2g").jvmArg("-Xmn1536m")
                .args(control.toString());
        if (Runtime.version().feature() < 25) {
            // Before JDK 25 HotSpot samples objects allocated outside TLABs too seldom (docs/HEAP.md,
            // "Object size and JDK 17"); without TLABs every object is sampled by the same rule.
            child.jvmArg("-XX:-UseTLAB");
        }
        try (ChildJvm app = child.start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            Files.writeString(control, "hold");
            long held = Long.parseLong(app.await(READY_1, Duration.ofSeconds(60)).group(1));
            Files.writeString(control, "churn");
            Matcher ready2 = app.await(READY_2, Duration.ofSeconds(120));
            long fresh = Long.parseLong(ready2.group(1));
            assertEquals("0", ready2.group(2), "the churn phase must run without a GC: " + ready2.group());

            Profile now = heap(base + "/debug/pprof/heap");
            assertTrue(now.comments.stream().anyMatch(c -> c.contains("as of the last GC")), now.comments.toString());
            assertWithin("held, kept before the last GC", held, inuse(now, "held"));
            assertEquals(0, inuse(now, "fresh"), "kept since the last GC: in use from the next GC on");
            assertEquals(0, inuse(now, "garbage"), "garbage since the last GC is not in use");
            assertTrue(alloc(now, "garbage") > 100_000_000L, "the garbage is in the allocations: " + alloc(now, "garbage"));

            Profile collected = heap(base + "/debug/pprof/heap?gc=1");
            assertWithin("held after gc=1", held, inuse(collected, "held"));
            assertWithin("fresh after gc=1", fresh, inuse(collected, "fresh"));
            // One garbage object stays reachable (the last one thrown): at most one sample's weight.
            assertTrue(inuse(collected, "garbage") < 1_000_000L, "garbage after gc=1: " + inuse(collected, "garbage"));
            Files.writeString(control, "exit");
            assertEquals(0, app.waitFor(Duration.ofSeconds(30)));
        }
    }

    /**
     * A sampled estimate against the truth, at 4 sigma. Sampling bytes at a mean interval R, a
     * total T has a variance of at most (R + largest object) x T.
     */
    private static void assertWithin(String what, long truth, long estimate) {
        double sigma = Math.sqrt((double) RATE * truth + (double) 16 * 1024 * truth) / truth;
        double ratio = (double) estimate / truth;
        assertTrue(Math.abs(ratio - 1) <= 4 * sigma, String.format(Locale.ROOT,
                "%s: estimate %d for %d bytes (ratio %.3f, sigma %.3f, bound 4 sigma)", what, estimate, truth, ratio, sigma));
    }

    private static Profile heap(String url) throws Exception {
        Http.Response r = Http.get(url);
        assertEquals(200, r.status(), url + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return new ProfileDecoder().decode(r.body());
    }

    private static long inuse(Profile p, String site) {
        return sum(p, site, p.sampleIndexOf("inuse_space"));
    }

    private static long alloc(Profile p, String site) {
        return sum(p, site, p.sampleIndexOf("alloc_space"));
    }

    /** The values of the samples whose leaf is the workload's method {@code site}. */
    private static long sum(Profile p, String site, int index) {
        String leaf = GarbageSinceLastGc.class.getName() + "." + site;
        long total = 0;
        for (Sample s : p.samples) {
            Location top = s.locations.isEmpty() ? null : s.locations.get(0);
            if (top != null && !top.lines.isEmpty() && top.lines.get(0).function().name.equals(leaf)) {
                total += s.values[index];
            }
        }
        return total;
    }
}
