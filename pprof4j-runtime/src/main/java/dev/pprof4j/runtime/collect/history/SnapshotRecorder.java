package dev.pprof4j.runtime.collect.history;

import dev.pprof4j.runtime.collect.DiagnosticCommands;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.LiveThreads;
import dev.pprof4j.runtime.collect.threads.ThreadSample;
import dev.pprof4j.runtime.collect.heap.ClassHistogram;
import dev.pprof4j.runtime.collect.heap.HeapSampler;
import dev.pprof4j.runtime.collect.heap.HeapSite;
import dev.pprof4j.runtime.collect.heap.HeapSnapshot;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes one {@link HistorySnapshot} from the collectors. The work of a tick is bounded: at
 * most {@link #MAX_THREAD_GROUPS} thread groups and {@link #MAX_HEAP_SITES} heap sites are
 * kept (the rest are summed under one pseudo stack), and the class histogram, which stops
 * the world for a full GC, is taken only while its cost stays under
 * {@link #HISTOGRAM_DUTY} of the time between histograms, and never more often than every
 * {@link #HISTOGRAM_EVERY_TICKS} ticks.
 */
class SnapshotRecorder {
    static final int MAX_THREAD_GROUPS = 20_000;
    /**
     * Platform threads dumped per safepoint: a tick stops the application for a few
     * milliseconds at a time (256 threads, ~6 ms here) rather than once for all of them
     * (10 000 threads stopped it for ~0.25 s).
     */
    static final int THREAD_BATCH = 256;
    static final int MAX_HEAP_SITES = 50_000;
    static final int HISTOGRAM_ROWS = 50;
    static final double HISTOGRAM_DUTY = 0.005;
    static final int HISTOGRAM_EVERY_TICKS = 5;
    /** Where groups and sites beyond the bounds are counted. */
    static final String MORE = "(more distinct stacks than the pprof4j history keeps)";
    private static final String AGENT_THREADS = "pprof4j-";

    private final LiveThreads liveThreads;
    private final CreatedByTable createdBy;
    private final HeapSampler heapSampler;
    private final DiagnosticCommands commands;
    private final boolean histograms;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final OldGenCanaries canaries = new OldGenCanaries();
    private final OldGenerationGcs oldGcs;
    private HeapReading lastHeap;
    private long lastHeapSamples = -1;
    private long lastHeapLive = -1;
    /**
     * Before the first histogram its cost is unknown: guessed at a second per GB of heap in
     * use (a full GC's order of magnitude), so a big heap waits long for its first one.
     */
    private long nextHistogramNanos = System.nanoTime()
            + (long) (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / HISTOGRAM_DUTY);
    /** Counts from 0: the first histogram waits for a few ticks, so the first snapshot is quick. */
    private int ticksSinceHistogram;

    /**
     * @param heapSampler the live-heap sampler, or null when none runs (then snapshots have no sites)
     * @param histograms  whether to take class histograms at all
     * @param commands    what runs them (only read when {@code histograms})
     * @param oldGcs      the collectors' own counts of old-generation collections
     */
    SnapshotRecorder(LiveThreads liveThreads, CreatedByTable createdBy, HeapSampler heapSampler, boolean histograms,
            DiagnosticCommands commands, OldGenerationGcs oldGcs) {
        this.liveThreads = liveThreads;
        this.oldGcs = oldGcs;
        this.createdBy = createdBy;
        this.heapSampler = heapSampler;
        this.histograms = histograms;
        this.commands = commands;
    }

    HistorySnapshot record(Interner interner) {
        long monotonic = System.nanoTime();
        long wall = System.currentTimeMillis();
        ThreadGroups threads = threads(interner);
        long bytes = threads.bytes();
        // The old-generation counts are read before the heap reading, so a tick that counts a
        // new old collection holds a reading taken after it: the leak hunt compares a site's
        // in-use bytes right after old collections (the only moments old garbage is gone), and
        // a collection that ended between the reading and the counts would make a reading full
        // of old garbage look like one of those.
        long gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
        }
        long oldCollections = canaries.observe(gcs);
        long oldGcCount = oldGcs.count();
        HeapReading heap = heap(interner);
        lastHeap = heap;
        HistogramTop histogram = histogramIfDue(interner);
        if (histogram != null) {
            bytes += histogram.ownBytes();
        }
        MemoryUsage used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        bytes += 104; // the snapshot object itself
        return new HistorySnapshot(wall, monotonic, threads, heap, histogram, used.getUsed(), used.getCommitted(),
                gcs, oldCollections, oldGcCount, threadBean.getThreadCount(), liveThreads.virtualCount(), bytes);
    }

    private ThreadGroups threads(Interner interner) {
        List<ThreadSample> samples = liveThreads.snapshotInBatches(THREAD_BATCH);
        // Group on the JVM's own arrays first; only distinct groups are interned.
        Map<GroupKey, int[]> groups = new HashMap<>();
        for (ThreadSample thread : samples) {
            CreatedByTable.Creation creation = thread.virtual() ? null : createdBy.creation(thread.id());
            byte flags = (byte) ((thread.virtual() ? ThreadGroups.VIRTUAL : 0)
                    | (thread.name() != null && thread.name().startsWith(AGENT_THREADS) ? ThreadGroups.AGENT_OWN : 0));
            GroupKey key = new GroupKey(Arrays.asList(thread.stack()),
                    creation == null ? List.of() : creation.stack(), flags);
            groups.computeIfAbsent(key, k -> new int[1])[0]++;
        }
        int n = Math.min(groups.size(), MAX_THREAD_GROUPS);
        HistoryStack[] stacks = new HistoryStack[n];
        HistoryStack[] creators = new HistoryStack[n];
        byte[] flags = new byte[n];
        int[] counts = new int[n];
        int i = 0;
        for (Map.Entry<GroupKey, int[]> e : groups.entrySet()) {
            GroupKey key = e.getKey();
            if (i == n - 1 && groups.size() > n) {
                stacks[i] = interner.stack(new StackTraceElement[] {new StackTraceElement("", MORE, null, 0)});
                creators[i] = HistoryStack.EMPTY;
                counts[i] += e.getValue()[0];
                continue; // the last slot sums everything beyond the bound
            }
            stacks[i] = interner.stack(key.stack.toArray(StackTraceElement[]::new));
            creators[i] = key.createdBy.isEmpty() ? HistoryStack.EMPTY
                    : interner.stack(key.createdBy.toArray(StackTraceElement[]::new));
            flags[i] = key.flags;
            counts[i] = e.getValue()[0];
            i++;
        }
        return new ThreadGroups(stacks, creators, flags, counts);
    }

    private HeapReading heap(Interner interner) {
        if (heapSampler == null) {
            return null;
        }
        HeapSnapshot snapshot = heapSampler.snapshot();
        // An idle application: nothing sampled, nothing collected since the last tick.
        if (lastHeap != null && snapshot.stats().samples() == lastHeapSamples
                && snapshot.stats().liveSamples() == lastHeapLive) {
            return lastHeap;
        }
        lastHeapSamples = snapshot.stats().samples();
        lastHeapLive = snapshot.stats().liveSamples();
        List<HeapSite> sites = snapshot.sites();
        int n = Math.min(sites.size(), MAX_HEAP_SITES);
        HistoryStack[] stacks = new HistoryStack[n];
        String[] classes = new String[n];
        long[] values = new long[n * HeapReading.WIDTH];
        for (int i = 0; i < sites.size(); i++) {
            HeapSite site = sites.get(i);
            int slot = Math.min(i, n - 1);
            if (i < n - 1 || sites.size() <= n) {
                stacks[slot] = interner.stack(site.stack());
                classes[slot] = interner.string(site.className());
            } else if (i == n - 1) {
                stacks[slot] = interner.stack(new StackTraceElement[] {new StackTraceElement("", MORE, null, 0)});
                classes[slot] = interner.string("");
            }
            int o = slot * HeapReading.WIDTH;
            values[o + HeapReading.ALLOC_OBJECTS] += site.allocObjects();
            values[o + HeapReading.ALLOC_SPACE] += site.allocSpace();
            values[o + HeapReading.INUSE_OBJECTS] += site.inuseObjects();
            values[o + HeapReading.INUSE_SPACE] += site.inuseSpace();
            values[o + HeapReading.ALLOC_SAMPLES] += site.allocSamples();
            values[o + HeapReading.ALLOC_SAMPLE_BYTES] += site.allocSampleBytes();
        }
        return new HeapReading(snapshot.rate(), snapshot.timeNanos(), stacks, classes, values);
    }

    private HistogramTop histogramIfDue(Interner interner) {
        ticksSinceHistogram++;
        long now = System.nanoTime();
        if (!histograms || (ticksSinceHistogram < HISTOGRAM_EVERY_TICKS) || now - nextHistogramNanos < 0) {
            return null;
        }
        long start = System.nanoTime();
        ClassHistogram histogram;
        try {
            histogram = ClassHistogram.take(commands);
        } catch (IllegalStateException e) {
            nextHistogramNanos = Long.MAX_VALUE; // not HotSpot: never again
            return null;
        }
        long cost = System.nanoTime() - start;
        nextHistogramNanos = System.nanoTime() + (long) (cost / HISTOGRAM_DUTY);
        ticksSinceHistogram = 0;
        int n = Math.min(HISTOGRAM_ROWS, histogram.rows().size());
        String[] classes = new String[n];
        long[] instances = new long[n];
        long[] bytes = new long[n];
        for (int i = 0; i < n; i++) {
            ClassHistogram.Row row = histogram.rows().get(i);
            classes[i] = interner.string(row.className());
            instances[i] = row.instances();
            bytes[i] = row.bytes();
        }
        return new HistogramTop(classes, instances, bytes, histogram.totalBytes());
    }

    private record GroupKey(List<StackTraceElement> stack, List<StackTraceElement> createdBy, byte flags) {
    }
}
