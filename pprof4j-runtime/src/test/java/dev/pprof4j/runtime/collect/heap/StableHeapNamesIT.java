package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two runs of the same code name their generated classes alike in every heap output: the
 * profile's frames and {@code object:} labels, and {@code heap?debug=1}'s frame, object and
 * class histogram lines, and {@code heap/retainers?class=} finds the objects by those names.
 * {@link GeneratedClasses} spins a random number of other generated
 * classes first, so the JVM's own names for them differ between the two runs.
 */
class StableHeapNamesIT {
    /** What the JVM puts in such names that changes from run to run. */
    static final Pattern RUN_SPECIFIC = Pattern.compile(
            "\\$\\$Lambda\\$\\d|[/.+]0x[0-9a-f]{6,}|GeneratedMethodAccessor\\d|\\$Proxy\\d|jdk\\.proxy\\d");
    private static final String PACKAGE = GeneratedClasses.class.getPackageName() + ".";

    @Test
    void twoRunsOfTheSameCodeGiveTheSameNames() throws Exception {
        Set<String> first = namesOfOneRun();
        Set<String> second = namesOfOneRun();
        String main = GeneratedClasses.class.getName();
        // What both runs hold for sure shows under one name in both. A frame that allocated a
        // little (a proxy's <clinit>) is sampled in one run and not the other, so the two sets
        // are not compared whole; that no name has a run-specific part is checked in each run.
        for (String expected : new String[] {main + "$$Lambda.make", PACKAGE + "$Proxy.make",
                "object " + main + "$$Lambda", "object " + PACKAGE + "$Proxy",
                "histogram " + main + "$$Lambda", "histogram " + PACKAGE + "$Proxy"}) {
            assertTrue(first.contains(expected), expected + " in the first run's " + first);
            assertTrue(second.contains(expected), expected + " in the second run's " + second);
        }
    }

    /** The names of generated classes that the workload's heap outputs show, each checked for run-specific parts. */
    private static Set<String> namesOfOneRun() throws Exception {
        try (ChildJvm app = ChildJvm.builder(GeneratedClasses.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,memprofilebudget=0,stwbudget=100,memprofilerate=4096")
                .jvmArg("-Xmx512m")
                .start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            String rawLambda = app.await(Pattern.compile("raw lambda (\\S+)"), Duration.ofSeconds(120)).group(1);
            app.await(Pattern.compile("ready"), Duration.ofSeconds(120));
            Http.Response r = Http.get(base + "/debug/pprof/heap");
            assertEquals(200, r.status());
            Profile profile = new ProfileDecoder().decode(new ByteArrayInputStream(r.body()));
            String text = Http.get(base + "/debug/pprof/heap?debug=1").text();

            List<String> all = new ArrayList<>();
            Set<String> generated = new TreeSet<>();
            for (Sample s : profile.samples) {
                List<String> frames = s.locations.stream().map(StableHeapNamesIT::function).toList();
                all.addAll(frames);
                all.addAll(s.labels.getOrDefault("object", List.of()));
                if (frames.stream().anyMatch(f -> f.startsWith(GeneratedClasses.class.getName() + ".hold"))) {
                    frames.stream().filter(StableHeapNamesIT::isGenerated).forEach(generated::add);
                    s.labels.getOrDefault("object", List.of()).stream().filter(StableHeapNamesIT::isGenerated)
                            .forEach(o -> generated.add("object " + o));
                }
            }
            for (String name : all) {
                assertFalse(RUN_SPECIFIC.matcher(name).find(), "a run-specific name in the heap profile: " + name);
            }
            Matcher runSpecific = RUN_SPECIFIC.matcher(text);
            assertFalse(runSpecific.find(), () -> "a run-specific name in heap?debug=1: "
                    + text.substring(text.lastIndexOf('\n', runSpecific.start()) + 1, text.indexOf('\n', runSpecific.start())));
            // the class histogram's rows: exact, so the workload's classes are there in both runs
            Matcher row = Pattern.compile("(?m)^# +\\d+: +\\d+ +\\d+  (\\S+)").matcher(text);
            while (row.find()) {
                if (row.group(1).startsWith(PACKAGE) && isGenerated(row.group(1))) {
                    generated.add("histogram " + row.group(1));
                }
            }
            retainersByStableAndRawNames(base, rawLambda);
            return generated;
        }
    }

    /**
     * {@code heap/retainers?class=} takes the names the profiles print: the workload's lambda
     * name stands for its capturing lambda's class and every other lambda class of
     * {@link GeneratedClasses} (the proxies' handler, the warm-up's), the proxy name for the
     * {@code $ProxyN} its proxies share; the JVM's raw name of the capturing lambda's class
     * still takes that class alone. Counts are exact: the walk counts every live object.
     */
    private static void retainersByStableAndRawNames(String base, String rawLambda) throws Exception {
        int kept = GeneratedClasses.ROUNDS * GeneratedClasses.EACH;
        String main = GeneratedClasses.class.getName();
        String lambdas = retainers(base, main + "$$Lambda");
        // + the one handler lambda the kept proxies share, + up to two of the warm-up's and its proxy's handler
        long objects = objectsOfTheClass(lambdas);
        assertTrue(objects >= kept + 1 && objects <= kept + 4, "the lambdas' objects, " + (kept + 1) + " to "
                + (kept + 4) + " expected:\n" + lambdas);
        Matcher classes = Pattern.compile("(\\d+) loaded classes of this name").matcher(lambdas);
        assertTrue(classes.find() && Integer.parseInt(classes.group(1)) >= 4, "the four lambda classes of hold() at"
                + " least:\n" + lambdas);
        assertTrue(lambdas.contains("static " + main + ".HELD -> java.util.ArrayList.elementData -> java.lang.Object[] -> "
                + main + "$$Lambda\n"), lambdas);

        String proxies = retainers(base, PACKAGE + "$Proxy");
        assertEquals(kept, objectsOfTheClass(proxies), proxies);

        String raw = retainers(base, rawLambda);
        assertEquals(kept, objectsOfTheClass(raw), raw);
        for (String text : new String[] {lambdas, proxies, raw.substring(raw.indexOf('\n'))}) {
            Matcher runSpecific = RUN_SPECIFIC.matcher(text);
            assertFalse(runSpecific.find(), () -> "a run-specific name in heap/retainers:\n" + text);
        }
    }

    private static String retainers(String base, String className) throws Exception {
        // max_ms at its top: on a loaded machine the default 10 s ended a walk of this heap early
        Http.Response r = Http.get(base + "/debug/pprof/heap/retainers?max_ms=60000&class="
                + URLEncoder.encode(className, StandardCharsets.UTF_8));
        assertEquals(200, r.status(), className + ": " + r.text());
        assertFalse(r.text().lines().findFirst().orElse("").contains("partial"), "a walk cut short:\n" + r.text());
        return r.text();
    }

    /** From the first line: {@code ... walked N objects: K objects of the class, ...}. */
    private static long objectsOfTheClass(String retainers) {
        Matcher m = Pattern.compile(": (\\d+) objects of the class").matcher(retainers);
        assertTrue(m.find(), retainers);
        return Long.parseLong(m.group(1));
    }

    /** The workload's lambdas and proxy, and reflection's accessors (JDK 17 generates them; later JDKs do not). */
    private static boolean isGenerated(String name) {
        return name.contains(GeneratedClasses.class.getSimpleName() + "$$Lambda") || name.contains(PACKAGE + "$Proxy")
                || name.contains("GeneratedMethodAccessor");
    }

    private static String function(Location location) {
        return location.lines.get(0).function().name;
    }
}
