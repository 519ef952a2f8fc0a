package dev.pprof4j.runtime.collect.history;

import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
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
 * a collection the moment it ends, so a short window that holds one knows it. G1's concurrent
 * cycles before JDK 20, which no bean counts, come from the agent's JFR stream
 * ({@link ConcurrentOldCycles}); without the stream only the canaries see them.
 */
final class OldGenerationGcs {
    private final List<GarbageCollectorMXBean> collectors = new ArrayList<>();
    /** Counted from JFR where G1 runs and no bean counts its concurrent cycles; else null. */
    private final ConcurrentOldCycles jfrCycles;

    OldGenerationGcs(ConcurrentOldCycles oldCycles) {
        boolean g1 = false;
        boolean beanCountsCycles = false;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (marksOldGeneration(gc.getName())) {
                collectors.add(gc);
            }
            g1 |= gc.getName().startsWith("G1 ");
            beanCountsCycles |= gc.getName().equals("G1 Concurrent GC");
        }
        this.jfrCycles = g1 && !beanCountsCycles ? oldCycles : null;
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
        return jfrCycles == null ? n : n + jfrCycles.count();
    }
}
