package dev.pprof4j.report.leaks;

import java.util.List;

/**
 * Who still holds a leaked object: the path from a GC root to it, root first, e.g.
 * {@code static PriceCache.QUOTES → ConcurrentHashMap → Node[] → Node → Quote}.
 *
 * @param target the class of the held object (e.g. {@code byte[]})
 * @param allocatedAt where the held object was allocated, {@link Stack#UNKNOWN} if not known
 * @param path the links from the root to {@code target}, root first
 * @param objects objects of {@code target} held along this path, 0 when not known
 * @param bytes their bytes, 0 when not known
 */
public record ReferenceChain(String target, Stack allocatedAt, List<String> path, long objects, long bytes) {
    public ReferenceChain {
        path = List.copyOf(path);
    }

    public ReferenceChain(String target, Stack allocatedAt, List<String> path) {
        this(target, allocatedAt, path, 0, 0);
    }

    /** The same path credited to the objects of one allocation site. */
    public ReferenceChain allocatedAt(Stack site) {
        return new ReferenceChain(target, site, path, objects, bytes);
    }

    /** True when some link names {@code fragment} (a class, field or "static"). */
    public boolean mentions(String fragment) {
        for (String link : path) {
            if (link.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(" → ", path);
    }
}
