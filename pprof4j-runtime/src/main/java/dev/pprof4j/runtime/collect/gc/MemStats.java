package dev.pprof4j.runtime.collect.gc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;

/**
 * Go's {@code runtime.MemStats} fields from the JVM's own numbers, taken once and printed the
 * same by {@code /debug/vars} and {@code heap?debug=1} (one owner, so the two never disagree).
 * A field the JVM cannot know is -1 and left out where it is shown, never made up:
 * {@code Mallocs} and {@code Frees} (the JVM does not count allocations: a TLAB allocation is a
 * pointer bump), {@code GCCPUFraction} (the collector's threads are not Java threads; their
 * CPU is not reported before JDK 26), and {@code HeapObjects} outside a class histogram (which
 * costs a full collection).
 *
 * @param alloc          Go's {@code Alloc} and {@code HeapAlloc}: heap in use now (garbage not yet collected included)
 * @param totalAlloc     bytes allocated since the JVM started, or -1 where the JVM cannot say
 * @param sys            heap plus non-heap committed: what the JVM holds from the OS for Java (not its whole RSS)
 * @param heapSys        heap committed
 * @param heapIdle       heap committed but not in use
 * @param heapMax        the JVM's maximum heap ({@code -Xmx}); no Go field
 * @param nextGc         heap in use at which the next young collection starts (in use now plus
 *                       eden's free space), or -1 for collectors without an eden (ZGC, Shenandoah)
 * @param lastGcNanos    when the last collection ended, nanoseconds since 1970, or 0 before the first
 * @param numGc          collections so far, by the GC beans
 * @param gcTimeNanos    the GC beans' collection time (concurrent cycles included)
 * @param pauseTotalNs   pauses since the agent started (see {@link GcPauses}), or -1 when not tracked
 */
public record MemStats(long alloc, long totalAlloc, long sys, long heapSys, long heapIdle, long heapMax,
        long nonHeapUsed, long nonHeapCommitted, long nextGc, long lastGcNanos, long numGc, long gcTimeNanos,
        long pauseTotalNs) {

    /** Now; {@code pauses} may be null where the agent's pause record is not at hand. */
    public static MemStats now(GcPauses pauses) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long collections = 0;
        long millis = 0;
        long lastEnd = -1;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                com.sun.management.GcInfo last = sun.getLastGcInfo();
                if (last != null) {
                    lastEnd = Math.max(lastEnd, last.getEndTime());
                }
            }
        }
        long lastGc = lastEnd < 0 ? 0
                : (ManagementFactory.getRuntimeMXBean().getStartTime() + lastEnd) * 1_000_000L;
        return new MemStats(heap.getUsed(), totalAllocatedBytes(), heap.getCommitted() + nonHeap.getCommitted(),
                heap.getCommitted(), heap.getCommitted() - heap.getUsed(), heap.getMax(), nonHeap.getUsed(),
                nonHeap.getCommitted(), nextGc(heap.getUsed()), lastGc, collections, millis * 1_000_000L,
                pauses == null ? -1 : pauses.totalNanos());
    }

    private static long nextGc(long inUse) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().contains("Eden")) {
                MemoryUsage eden = pool.getUsage();
                if (eden != null && eden.getCommitted() > 0) {
                    return inUse + Math.max(0, eden.getCommitted() - eden.getUsed());
                }
            }
        }
        return -1;
    }

    /**
     * {@code getTotalThreadAllocatedBytes} (JDK 21+; Debian's 17 has it backported) counts
     * threads that ended too; called reflectively, as {@code --release 17} lacks it.
     */
    private static long totalAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            try {
                return (Long) com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes").invoke(t);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }
}
