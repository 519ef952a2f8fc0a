package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.protocol.ClassNames;
import dev.pprof4j.runtime.collect.BoundedPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds it: the reference chains from a GC root to the live objects of one class
 * ({@link #of}), or to the live sampled objects of the allocation sites that have a frame
 * matching a regex ({@link #ofSite}), grouped by their shape and ordered by bytes, e.g.
 * {@code static LeakyCache.ENTRIES -> java.util.concurrent.ConcurrentHashMap.table ->
 * ...$Node[] -> ...$Node.val -> byte[]}.
 *
 * <p>By site: the heap sampler keeps a weak reference to every sampled object still alive, so
 * the walk knows which objects a site allocated; each stands for 1/(1-e^(-size/rate)) objects
 * like it (Go's scaling), so a chain's bytes are an estimate, as {@code inuse_space} is. A
 * sampled object the walk does not reach is garbage not yet collected: a site that only
 * makes garbage gets no chain.
 *
 * <p>One JVMTI FollowReferences walk (libpprof4j) per call: it stops the world while it runs
 * and costs about 16 bytes of native memory per object reached plus JVMTI's tag per object,
 * so it is bounded by {@code maxObjects} and {@code maxTime}; a walk that hit a bound says
 * "partial". The chain is the one the walk found first (depth-first), not necessarily the
 * shortest.
 */
public final class Retainers {
    /** Objects the walk may reach before it stops (and the answer says partial). */
    public static final int DEFAULT_MAX_OBJECTS = 5_000_000;
    public static final int DEFAULT_MAX_PATHS = 20;
    /** Longest the world may stay stopped for one walk. */
    public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(10);
    private static final Object WALK = new Object(); // one walk at a time: each stops the world

    /**
     * A chain shape and the objects reached through it.
     *
     * @param chain from the root (e.g. {@code static LeakyCache.ENTRIES}) to the class itself
     */
    public record Path(long objects, long bytes, List<String> chain) {
        public String text() {
            return String.join(dev.pprof4j.protocol.RetainerRows.LINK, chain);
        }
    }

    /**
     * @param target   what was asked for: {@code byte[]}, or {@code objects allocated at a frame matching RE}
     * @param summary  e.g. {@code walked 123456 objects: 1000 objects of the class, 2 chain shapes}
     * @param bySite   true when {@link Path#objects} counts samples and {@link Path#bytes} is an estimate
     */
    public record Report(String target, String summary, boolean partial, List<Path> paths, boolean bySite) {
        public Report {
            paths = List.copyOf(paths);
        }

        /** One chain's row in {@link #text}: objects (or samples), bytes, the chain. */
        public static final Pattern ROW = dev.pprof4j.protocol.RetainerRows.ROW;

        /**
         * The report as {@code /debug/pprof/heap/retainers} and the CLI print it; without chains it
         * ends in a line that says why there is none, so an empty table is never the whole answer.
         */
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("retainers of ").append(target).append(" (").append(summary).append(")\n");
            out.append(dev.pprof4j.protocol.RetainerRows.header(bySite));
            for (Path p : paths) {
                out.append(dev.pprof4j.protocol.RetainerRows.row(p.objects(), p.bytes(), p.chain()));
            }
            if (paths.isEmpty()) {
                out.append(partial
                        ? "no chain found before the walk stopped at its bound: ask again with a larger max_objects or max_ms\n"
                        : bySite ? "no chain: none of these sampled objects is reachable from a GC root"
                                + " (garbage the GC has not collected yet)\n"
                        : "no chain: no live object of this class is reachable from a GC root"
                                + " (is the name right? e.g. byte[], java.util.HashMap$Node)\n");
            }
            return out.toString();
        }
    }

    private static final Pattern TYPE = Pattern.compile("(\\[+[ZBCSIJFD]|\\[*L[^;\\s]+;)");

    private Retainers() {
    }

    /** Null when the heap walk can run here, else what is missing. */
    public static String unavailableReason() {
        return NativeLibrary.loadError();
    }

    /**
     * Walks the heap once for the objects of {@code className} ({@code byte[]},
     * {@code java.util.HashMap$Node}, or a JVM descriptor such as {@code [B}). A generated class
     * may be named as the profiles print it ({@code a.Main$$Lambda}, {@code jdk.proxy.$Proxy}):
     * the walk then takes the objects of every loaded class of that stable name.
     *
     * @throws IllegalStateException when libpprof4j can't load here, or the JVM is exiting
     */
    public static Report of(String className, int maxObjects, int maxPaths, Duration maxTime) {
        return walkClasses(className, classesNamed(className), maxObjects, maxPaths, maxTime);
    }

    /**
     * The loaded classes {@code className} stands for (no heap walk yet; nothing is stopped):
     * one, or every raw class of a stable name; empty when none is loaded.
     *
     * @throws IllegalStateException when libpprof4j can't load here, or the JVM is exiting
     */
    public static String[] classesNamed(String className) {
        requireLibrary();
        return LoadedClasses.named(className);
    }

    /** One heap walk (it stops the world) for the objects of {@code classes}, named {@code className}; none: no walk. */
    public static Report walkClasses(String className, String[] classes, int maxObjects, int maxPaths, Duration maxTime) {
        requireLibrary();
        if (classes.length == 0) {
            return new Report(className, "no loaded class has this name; the heap was not walked", false, List.of(), false);
        }
        String text;
        synchronized (WALK) {
            text = NativeHeap.retainers0(classes, maxObjects, maxPaths, maxTime.toMillis());
        }
        Report r = parse(className, text, false);
        return classes.length == 1 ? r
                : new Report(r.target(), classes.length + " loaded classes of this name; " + r.summary(),
                        r.partial(), r.paths(), false);
    }

    /**
     * Walks the heap once for the live sampled objects of every site with a frame matching
     * {@code site} (found in {@code pkg.Class.method(File.java:line)}, e.g.
     * {@code LeakyCache.fill} or {@code LeakyCache.java:42}).
     *
     * @throws NoSuchElementException when no sampled site has such a frame
     * @throws IllegalStateException  when libpprof4j can't load here, or the JVM is exiting
     */
    public static Report ofSite(HeapSampler sampler, Pattern site, int maxObjects, int maxPaths, Duration maxTime) {
        return ofSite(sampler, new BoundedPattern(site, MAX_MATCH_TIME), maxObjects, maxPaths, maxTime);
    }

    /** Longest the site regex may take to match against every sampled frame (it is the user's). */
    public static final Duration MAX_MATCH_TIME = Duration.ofSeconds(2);

    /**
     * As {@link #ofSite(HeapSampler, Pattern, int, int, Duration)}, the regex matched under its deadline.
     *
     * @throws BoundedPattern.TimeoutException when matching takes longer than the pattern allows
     */
    public static Report ofSite(HeapSampler sampler, BoundedPattern bounded, int maxObjects, int maxPaths,
            Duration maxTime) {
        return walkSites(sitesMatching(sampler, bounded), bounded.pattern(), maxObjects, maxPaths, maxTime);
    }

    /**
     * The sampler's sites with a frame matching {@code bounded} (no heap walk yet; nothing is stopped).
     *
     * @throws NoSuchElementException when no sampled site has such a frame
     * @throws IllegalStateException  when libpprof4j can't load here
     * @throws BoundedPattern.TimeoutException when matching takes longer than the pattern allows
     */
    public static int[] sitesMatching(HeapSampler sampler, BoundedPattern bounded) {
        requireLibrary();
        List<HeapSite> sites = sampler.snapshot().sites(); // index i is the sampler's site i
        int[] matching = new int[sites.size()];
        int n = 0;
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i).stack().stream().anyMatch(f -> bounded.find(f.toString()))) {
                matching[n++] = i;
            }
        }
        if (n == 0) {
            throw new NoSuchElementException("no sampled allocation site has a frame matching '"
                    + bounded.pattern().pattern() + "' (" + sites.size() + " sites sampled so far; the regex is matched "
                    + "against frames like pkg.Class.method(File.java:42))");
        }
        return Arrays.copyOf(matching, n);
    }

    /** One heap walk (it stops the world) for the live sampled objects of {@code sites}. */
    public static Report walkSites(int[] sites, Pattern site, int maxObjects, int maxPaths, Duration maxTime) {
        requireLibrary();
        String text;
        synchronized (WALK) {
            text = NativeHeap.siteRetainers0(sites, maxObjects, maxPaths, maxTime.toMillis());
        }
        String target = "objects allocated at a frame matching '" + site.pattern() + "'";
        Report r = parse(target, text, true);
        return new Report(r.target(), sites.length + " sites; " + r.summary(), r.partial(), r.paths(), true);
    }

    private static void requireLibrary() {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException("heap walk unavailable: " + why);
        }
    }

    private static Report parse(String target, String text, boolean bySite) {
        if (text == null) {
            throw new IllegalStateException("heap walk unavailable: the JVM is shutting down");
        }
        if (text.startsWith("!")) {
            throw new IllegalStateException("heap walk unavailable: " + text.substring(1).trim());
        }
        String[] lines = text.split("\n");
        String summary = lines[0].replaceFirst("^#\\s*", "");
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", 3);
            if (f.length == 3) {
                List<String> chain = new ArrayList<>();
                for (String hop : f[2].split(" -> ")) {
                    chain.add(javaNames(hop));
                }
                paths.add(new Path(Long.parseLong(f[0]), Long.parseLong(f[1]), chain));
            }
        }
        return new Report(target, summary, summary.contains("partial"), paths, bySite);
    }

    /** Rewrites JVM descriptors in a hop ({@code Ljava/util/HashMap;}) to Java names, as the profiles name classes. */
    static String javaNames(String hop) {
        Matcher m = TYPE.matcher(hop);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(ClassNames.stableJavaName(m.group(1))));
        }
        m.appendTail(out);
        // An array hop is its class alone ("...$Node[] -> ...$Node"): the index says nothing shared.
        return out.toString().replace(" .", ".").replace(" []", "");
    }
}
