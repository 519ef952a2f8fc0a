package dev.pprof4j.runtime.collect.history;

/**
 * What the agent recorded at one tick: threads grouped by stack and creating stack, live
 * heap by allocation site (the sampler's samples), the class histogram's top entries when
 * the tick took one, and the memstats numbers. Immutable; stacks and strings are shared with
 * every other snapshot in the ring.
 */
public final class HistorySnapshot {
    final long timeMillis;
    final long monotonicNanos;
    final ThreadGroups threads;
    /** Null when no heap sampler runs. */
    final HeapReading heap;
    /** Null when this tick took no histogram. */
    final HistogramTop histogram;
    final long heapInUse;
    final long heapCommitted;
    final long gcCount;
    /** Collections seen to mark the old generation, counted by {@link OldGenCanaries}. */
    final long oldCollections;
    /** Old-generation collections as the collectors count them, {@link OldGenerationGcs}. */
    final long oldGcs;
    final int platformThreads;
    /** -1 when virtual threads cannot be counted here. */
    final int virtualThreads;
    /** Bytes of this snapshot's own arrays; the heap reading (maybe shared) and the interner are apart. */
    final long ownBytes;

    HistorySnapshot(long timeMillis, long monotonicNanos, ThreadGroups threads, HeapReading heap,
            HistogramTop histogram, long heapInUse, long heapCommitted, long gcCount, long oldCollections, long oldGcs,
            int platformThreads, int virtualThreads, long ownBytes) {
        this.timeMillis = timeMillis;
        this.monotonicNanos = monotonicNanos;
        this.threads = threads;
        this.heap = heap;
        this.histogram = histogram;
        this.heapInUse = heapInUse;
        this.heapCommitted = heapCommitted;
        this.gcCount = gcCount;
        this.oldCollections = oldCollections;
        this.oldGcs = oldGcs;
        this.platformThreads = platformThreads;
        this.virtualThreads = virtualThreads;
        this.ownBytes = ownBytes;
    }

    /** Wall time, milliseconds since the epoch. */
    public long timeMillis() {
        return timeMillis;
    }

    /** Its age at {@code nowNanos} on {@link System#nanoTime()}'s clock. */
    public long ageNanos(long nowNanos) {
        return nowNanos - monotonicNanos;
    }

    /** The JVM's used heap ({@code MemoryMXBean}), Go's HeapAlloc. */
    public long heapInUse() {
        return heapInUse;
    }

    public long gcCount() {
        return gcCount;
    }

    /** Collections seen to mark the old generation so far (see {@link OldGenCanaries}). */
    public long oldCollections() {
        return oldCollections;
    }

    /** Old-generation collections so far, as the collectors count them (see {@link OldGenerationGcs}). */
    public long oldGcs() {
        return oldGcs;
    }

    public int platformThreads() {
        return platformThreads;
    }

    /** -1 when they could not be counted cheaply. */
    public int virtualThreads() {
        return virtualThreads;
    }

    public boolean hasHeapSites() {
        return heap != null;
    }
}
