package dev.pprof4j.runtime.http;

import dev.pprof4j.protocol.JsonWriter;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.gc.GcPauses;
import dev.pprof4j.runtime.collect.gc.MemStats;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

/**
 * {@code /debug/vars}, Go's expvar: {@code cmdline} and a {@code memstats} object. Where a
 * JVM number means what a Go MemStats field means, it carries Go's name (see {@link MemStats},
 * shared with {@code heap?debug=1}, and {@code PauseNs}, {@code NumPauses});
 * what only the JVM has carries a JVM name ({@code HeapMax}, {@code Pools}, {@code Threads}).
 */
final class VarsPage {
    private VarsPage() {
    }

    /** @param shown masks secrets (the agent's token) in what is shown */
    static String json(CollectorSet collectors, java.util.function.UnaryOperator<String> shown) {
        GcPauses pauses = collectors.gcPauses();
        MemStats m = MemStats.now(pauses);
        JsonWriter json = new JsonWriter().beginObject();
        json.name("cmdline").beginArray();
        for (String arg : CommandLine.arguments()) {
            json.value(shown.apply(arg));
        }
        json.endArray();
        json.name("memstats").beginObject()
                .field("Alloc", m.alloc())
                .field("Sys", m.sys())
                .field("HeapAlloc", m.alloc())
                .field("HeapSys", m.heapSys())
                .field("HeapIdle", m.heapIdle())
                .field("HeapInuse", m.alloc())
                .field("HeapMax", m.heapMax())
                .field("NonHeapUsed", m.nonHeapUsed())
                .field("NonHeapCommitted", m.nonHeapCommitted());
        if (m.totalAlloc() >= 0) {
            json.field("TotalAlloc", m.totalAlloc());
        }
        if (m.nextGc() >= 0) {
            json.field("NextGC", m.nextGc());
        }
        json.field("LastGC", m.lastGcNanos());
        json.name("Collectors").beginObject();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            json.name(gc.getName()).beginObject()
                    .field("Count", gc.getCollectionCount())
                    .field("TimeNs", gc.getCollectionTime() * 1_000_000L)
                    .endObject();
        }
        json.endObject();
        json.field("NumGC", m.numGc())
                .field("GcTimeTotalNs", m.gcTimeNanos())
                .field("NumPauses", pauses.count())
                .field("PauseTotalNs", m.pauseTotalNs());
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
}
