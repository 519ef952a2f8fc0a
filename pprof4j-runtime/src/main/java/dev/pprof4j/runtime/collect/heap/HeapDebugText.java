package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.runtime.collect.gc.MemStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /debug/pprof/heap?debug=1}: Go's legacy text heap profile ({@code writeHeapInternal}):
 * the header {@code heap profile: N: B [AN: AB] @ heap/2*rate}, one record per site with raw
 * (unscaled) sample counts and bytes — go tool pprof scales them when it reads this — each
 * followed by its frames as {@code #} lines. Java has no program counters, so each distinct
 * frame gets a made-up address. Then, where Go prints runtime.MemStats, the exact class
 * histogram and the JVM's equivalents of MemStats, all as {@code #} lines that pprof ignores.
 */
public final class HeapDebugText {
    /** Rows of the class histogram printed; the rest are summed in one line. */
    static final int HISTOGRAM_ROWS = 2000;

    private HeapDebugText() {
    }

    /**
     * @param snapshot  null when the native sampler is unavailable; {@code unavailable} says why
     * @param histogram null when it could not be taken; {@code histogramError} says why
     */
    public static void write(Writer out, HeapSnapshot snapshot, String unavailable,
                             ClassHistogram histogram, String histogramError) throws IOException {
        write(out, snapshot, unavailable, histogram, histogramError, MemStats.now(null));
    }

    /** @param memStats the MemStats lines' numbers, the same {@code /debug/vars} shows */
    public static void write(Writer out, HeapSnapshot snapshot, String unavailable,
                             ClassHistogram histogram, String histogramError, MemStats memStats) throws IOException {
        PrintWriter w = new PrintWriter(out);
        writeSites(w, snapshot, unavailable);
        w.print("\n# class histogram: GC.class_histogram (exact, live objects after a full GC)\n");
        if (histogram == null) {
            w.print("# unavailable: " + histogramError + "\n");
        } else {
            writeHistogram(w, histogram);
        }
        writeMemStats(w, histogram, memStats);
        w.flush();
    }

    private static void writeSites(PrintWriter w, HeapSnapshot snapshot, String unavailable) {
        long rate = snapshot == null ? HeapSampler.DEFAULT_RATE : snapshot.rate();
        List<HeapSite> sites = new ArrayList<>(snapshot == null ? List.of() : snapshot.sites());
        sites.removeIf(s -> s.allocSamples() == 0 && s.liveSamples() == 0);
        sites.sort(Comparator.comparingLong(HeapSite::liveSampleBytes).reversed());
        // Raw counts are what pprof scales by the header's rate. Once the CPU budget has drawn
        // samples at a larger interval, no single rate scales the raw counts right; then the
        // records carry the estimates, and the header says rate 1 (every object counted), which
        // pprof takes as already scaled.
        boolean raised = snapshot != null && snapshot.stats().raisedSamples() > 0;
        long inuseN = 0, inuseB = 0, allocN = 0, allocB = 0;
        for (HeapSite s : sites) {
            long[] r = counts(s, raised);
            inuseN += r[0];
            inuseB += r[1];
            allocN += r[2];
            allocB += r[3];
        }
        // Go prints 2*MemProfileRate here: what early C++ heap profilers wrote, and pprof expects.
        w.printf("heap profile: %d: %d [%d: %d] @ heap/%d\n", inuseN, inuseB, allocN, allocB, raised ? 2 : 2 * rate);
        if (raised) {
            w.print("# counts are estimates (scaled): the CPU budget drew some samples at intervals above "
                    + rate + " bytes" + HeapProfiles.budgetNote(snapshot) + "\n");
        }
        if (snapshot == null) {
            w.print("# no allocation sites: " + unavailable + "\n");
        }
        Map<StackFrame, Long> addresses = new HashMap<>();
        for (HeapSite s : sites) {
            long[] r = counts(s, raised);
            w.printf("%d: %d [%d: %d] @", r[0], r[1], r[2], r[3]);
            for (StackFrame f : s.stack()) {
                w.printf(" %#x", address(addresses, f));
            }
            w.print("\n");
            for (StackFrame f : s.stack()) {
                w.printf("#\t%#x\t%s+0x0\t%s:%d\n", address(addresses, f), f.functionName(),
                        HeapProfiles.sourcePath(f), f.line());
            }
            w.printf("#\tobject %s\n\n", s.className());
        }
    }

    /** In use and allocated (count, bytes): raw samples, or the estimates when {@code scaled}. */
    private static long[] counts(HeapSite s, boolean scaled) {
        return scaled
                ? new long[] {s.inuseObjects(), s.inuseSpace(), s.allocObjects(), s.allocSpace()}
                : new long[] {s.liveSamples(), s.liveSampleBytes(), s.allocSamples(), s.allocSampleBytes()};
    }

    private static long address(Map<StackFrame, Long> addresses, StackFrame f) {
        return addresses.computeIfAbsent(f, k -> 0x1000L + 0x10L * addresses.size());
    }

    private static void writeHistogram(PrintWriter w, ClassHistogram h) {
        w.print("#  num     #instances         #bytes  class name (module)\n");
        w.print("# -------------------------------------------------------\n");
        long restN = 0, restB = 0;
        int restRows = 0;
        for (ClassHistogram.Row r : h.rows()) {
            if (r.rank() <= HISTOGRAM_ROWS) {
                w.printf("# %4d: %14d %14d  %s%s\n", r.rank(), r.instances(), r.bytes(), r.className(),
                        r.module().isEmpty() ? "" : " (" + r.module() + ")");
            } else {
                restRows++;
                restN += r.instances();
                restB += r.bytes();
            }
        }
        if (restRows > 0) {
            w.printf("# (%d more classes: %d instances, %d bytes)\n", restRows, restN, restB);
        }
        w.printf("# Total %14d %14d\n", h.totalInstances(), h.totalBytes());
    }

    /** Go's MemStats fields with their JVM equivalents; a field the JVM can't give is left out. */
    private static void writeMemStats(PrintWriter w, ClassHistogram histogram, MemStats m) {
        w.print("\n# runtime.MemStats (JVM equivalents, java.lang.management)\n");
        w.printf("# Alloc = %d\n", m.alloc());
        if (m.totalAlloc() >= 0) {
            w.printf("# TotalAlloc = %d\n", m.totalAlloc());
        }
        w.printf("# Sys = %d\n", m.sys());
        w.printf("# HeapAlloc = %d\n", m.alloc());
        w.printf("# HeapSys = %d\n", m.heapSys());
        w.printf("# HeapIdle = %d\n", m.heapIdle());
        w.printf("# HeapInuse = %d\n", m.alloc());
        w.printf("# HeapMax = %d\n", m.heapMax());
        if (histogram != null) {
            w.printf("# HeapObjects = %d\n", histogram.totalInstances());
        }
        w.printf("# NonHeap = %d / %d\n", m.nonHeapUsed(), m.nonHeapCommitted());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getUsage();
            if (u != null) {
                w.printf("# Pool %s = %d / %d\n", pool.getName(), u.getUsed(), u.getCommitted());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            w.printf("# GC %s = %d collections, %d ms\n", gc.getName(), gc.getCollectionCount(), gc.getCollectionTime());
        }
        if (m.nextGc() >= 0) {
            w.printf("# NextGC = %d\n", m.nextGc());
        }
        w.printf("# LastGC = %d\n", m.lastGcNanos());
        w.printf("# NumGC = %d\n", m.numGc());
        w.printf("# GcTimeTotalNs = %d\n", m.gcTimeNanos());
        if (m.pauseTotalNs() >= 0) {
            w.printf("# PauseTotalNs = %d\n", m.pauseTotalNs());
        }
        long maxRss = maxRssBytes();
        if (maxRss > 0) {
            w.printf("# MaxRSS = %d\n", maxRss);
        }
    }

    /** VmHWM of /proc/self/status, as Go's addMaxRSS reads getrusage's ru_maxrss. */
    private static long maxRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it out, as Go does where getrusage is missing
        }
        return -1;
    }
}
