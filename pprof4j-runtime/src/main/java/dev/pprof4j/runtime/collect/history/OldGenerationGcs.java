package dev.pprof4j.runtime.collect.history;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Collections of the old generation as the collectors count them themselves: G1's full GCs
 * ("G1 Old Generation") and, from JDK 20, its concurrent cycles ("G1 Concurrent GC"),
 * Parallel's and Serial's full GCs ("PS MarkSweep", "MarkSweepCompact"), ZGC's and
 * Shenandoah's cycles (each marks the whole heap; generational ZGC's "Major" ones). Unlike
 * {@link OldGenCanaries}, which wait for a canary to age into the old generation, these count
 * a collection the moment it ends, so a short window that holds one knows it. Where a JVM
 * counts no such collector (G1's concurrent cycles before JDK 20), the canaries still see them.
 */
final class OldGenerationGcs {
    private final List<GarbageCollectorMXBean> collectors = new ArrayList<>();

    OldGenerationGcs() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (marksOldGeneration(gc.getName())) {
                collectors.add(gc);
            }
        }
    }

    static boolean marksOldGeneration(String collector) {
        return collector.contains("Old") || collector.contains("MarkSweep") || collector.equals("G1 Concurrent GC")
                || (collector.endsWith("Cycles") && !collector.contains("Minor"));
    }

    /** Old-generation collections so far (the beans' counts summed; 0 where none counts them). */
    long count() {
        long n = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
