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
 * @param estimated true when {@code objects} and {@code bytes} are the heap sampler's estimate
 *     (a walk from the sampled objects of one site) rather than a count of every object
 */
public record ReferenceChain(String target, Stack allocatedAt, List<String> path, long objects, long bytes,
        boolean estimated) {
    public ReferenceChain {
        path = List.copyOf(path);
    }

    public ReferenceChain(String target, Stack allocatedAt, List<String> path, long objects, long bytes) {
        this(target, allocatedAt, path, objects, bytes, false);
    }

    public ReferenceChain(String target, Stack allocatedAt, List<String> path) {
        this(target, allocatedAt, path, 0, 0);
    }

    /** The same path credited to the objects of one allocation site. */
    public ReferenceChain allocatedAt(Stack site) {
        return new ReferenceChain(target, site, path, objects, bytes, estimated);
    }

    /**
     * The objects of an estimate from sampled objects: its bytes over the mean size of what
     * the site holds ({@code siteBytes} in {@code siteObjects}); unchanged when that is not known.
     */
    public ReferenceChain withObjectsEstimated(long siteObjects, long siteBytes) {
        if (!estimated || objects > 0 || siteObjects <= 0 || siteBytes <= 0) {
            return this;
        }
        long count = Math.max(1, Math.round((double) bytes * siteObjects / siteBytes));
        return new ReferenceChain(target, allocatedAt, path, count, bytes, true);
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
