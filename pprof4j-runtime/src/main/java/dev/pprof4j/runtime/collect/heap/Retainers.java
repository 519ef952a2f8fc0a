package dev.pprof4j.runtime.collect.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds it: the reference chains from a GC root to the live objects of one class, grouped
 * by their shape and ordered by bytes, e.g. {@code static LeakyCache.ENTRIES ->
 * java.util.concurrent.ConcurrentHashMap .table -> ...$Node[] [] -> ...$Node .val -> byte[]}.
 *
 * <p>One JVMTI FollowReferences walk (libpprof4j) per call: it stops the world while it runs
 * and costs about 16 bytes of native memory per object reached plus JVMTI's tag per object,
 * so it is bounded by {@code maxObjects}; a walk that hit the bound says "partial". The chain
 * is the one the walk found first (depth-first), not necessarily the shortest.
 */
public final class Retainers {
    /** Objects the walk may reach before it stops (and the answer says partial). */
    public static final int DEFAULT_MAX_OBJECTS = 5_000_000;
    public static final int DEFAULT_MAX_PATHS = 20;
    private static final Object WALK = new Object(); // one walk at a time: each stops the world

    /**
     * A chain shape and the objects reached through it.
     *
     * @param chain from the root (e.g. {@code static LeakyCache.ENTRIES}) to the class itself
     */
    public record Path(long objects, long bytes, List<String> chain) {
        public String text() {
            return String.join(" -> ", chain);
        }
    }

    /** @param summary e.g. {@code walked 123456 objects: 1000 objects of the class, 2 chain shapes} */
    public record Report(String className, String summary, boolean partial, List<Path> paths) {
        public Report {
            paths = List.copyOf(paths);
        }

        /** The report as {@code /debug/pprof/heap/retainers} and the CLI print it. */
        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("retainers of ").append(className).append(" (").append(summary).append(")\n");
            out.append(String.format("%12s %14s  %s%n", "objects", "bytes", "chain from a GC root"));
            for (Path p : paths) {
                out.append(String.format("%12d %14d  %s%n", p.objects(), p.bytes(), p.text()));
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
     * {@code java.util.HashMap$Node}, or a JVM descriptor such as {@code [B}).
     *
     * @throws IllegalStateException when libpprof4j can't load here, or the JVM is exiting
     */
    public static Report of(String className, int maxObjects, int maxPaths) {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException("heap walk unavailable: " + why);
        }
        String text;
        synchronized (WALK) {
            text = NativeHeap.retainers0(JvmNames.signature(className), maxObjects, maxPaths);
        }
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
        return new Report(className, summary, summary.contains("partial"), paths);
    }

    /** Rewrites JVM descriptors in a hop ({@code Ljava/util/HashMap;}) to Java names. */
    static String javaNames(String hop) {
        Matcher m = TYPE.matcher(hop);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(JvmNames.className(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace(" .", ".").replace(" []", "[]");
    }
}
