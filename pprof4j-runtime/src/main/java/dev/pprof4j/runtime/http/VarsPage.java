package dev.pprof4j.runtime.http;

import dev.pprof4j.runtime.collect.Collectors;
import dev.pprof4j.runtime.collect.GcPauses;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;

/**
 * {@code /debug/vars}, Go's expvar: {@code cmdline} and a {@code memstats} object. Where a
 * JVM number means what a Go MemStats field means, it carries Go's name ({@code HeapAlloc},
 * {@code HeapSys}, {@code NumGC}, {@code PauseTotalNs}, {@code PauseNs}, {@code TotalAlloc});
 * what only the JVM has carries a JVM name ({@code HeapMax}, {@code Pools}, {@code Threads}).
 */
final class VarsPage {
    private VarsPage() {
    }

    static String json(Collectors collectors) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        GcPauses pauses = collectors.gcPauses();
        JsonWriter json = new JsonWriter().beginObject();
        json.name("cmdline").beginArray();
        for (String arg : CommandLine.arguments()) {
            json.value(arg);
        }
        json.endArray();
        json.name("memstats").beginObject()
                .field("HeapAlloc", heap.getUsed())
                .field("HeapSys", heap.getCommitted())
                .field("HeapMax", heap.getMax())
                .field("NonHeapUsed", nonHeap.getUsed())
                .field("NonHeapCommitted", nonHeap.getCommitted());
        long allocated = allocatedBytes();
        if (allocated >= 0) {
            json.field("TotalAlloc", allocated);
        }
        long collections = 0;
        long collectionMillis = 0;
        json.name("Collectors").beginObject();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            json.name(gc.getName()).beginObject()
                    .field("Count", gc.getCollectionCount())
                    .field("TimeNs", gc.getCollectionTime() * 1_000_000L)
                    .endObject();
            collections += Math.max(0, gc.getCollectionCount());
            collectionMillis += Math.max(0, gc.getCollectionTime());
        }
        json.endObject();
        json.field("NumGC", collections)
                .field("GcTimeTotalNs", collectionMillis * 1_000_000L)
                .field("NumPauses", pauses.count())
                .field("PauseTotalNs", pauses.totalNanos());
        json.name("PauseNs").beginArray();
        for (long pause : pauses.recentNanos()) {
            json.value(pause);
        }
        json.endArray();
        json.name("Pools").beginObject();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getUsage();
            if (usage == null) {
                continue;
            }
            json.name(pool.getName()).beginObject()
                    .field("Type", pool.getType().name())
                    .field("Used", usage.getUsed())
                    .field("Committed", usage.getCommitted())
                    .field("Max", usage.getMax())
                    .endObject();
        }
        json.endObject();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        json.name("Threads").beginObject()
                .field("Platform", threads.getThreadCount());
        int virtual = collectors.liveThreads().virtualCount();
        if (virtual >= 0) { // -1: only a slow full dump could count them
            json.field("Virtual", virtual);
        }
        json.field("Daemon", threads.getDaemonThreadCount())
                .field("PeakPlatform", threads.getPeakThreadCount())
                .field("StartedPlatform", threads.getTotalStartedThreadCount())
                .endObject();
        json.endObject();
        HistoryVars.write(json, collectors);
        collectors.pusher().ifPresent(pusher -> {
            json.name("push").beginObject();
            pusher.vars().forEach((name, value) -> {
                if (value instanceof Number number) {
                    json.field(name, number.longValue());
                } else {
                    json.field(name, String.valueOf(value));
                }
            });
            json.endObject();
        });
        json.endObject();
        return json.toString() + "\n";
    }

    /**
     * Bytes allocated by all threads since the JVM started, where the JVM reports them:
     * {@code getTotalThreadAllocatedBytes} (JDK 21+) counts threads that ended too; before that
     * only live threads can be summed, so the number is left out rather than understated.
     */
    private static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            Method total = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
            return (Long) total.invoke(threads);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
