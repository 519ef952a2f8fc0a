package dev.pprof4j.runtime.collect.gc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * G1's concurrent cycles, which mark the old generation, as the agent's JFR stream reports them
 * ({@code jdk.GarbageCollection} named {@code G1Old}; a full GC is {@code G1Full}). Before JDK 20
 * no GC bean counts them ("G1 Old Generation" counts full GCs only; "G1 Concurrent GC" came in
 * JDK 20), and the history's canaries see a cycle only once a canary has aged into the old
 * generation, so a short {@code leaks --since} window could hold several cycles and know of none.
 * A cycle clears the weak references of dead old objects at its remark pause, so the heap
 * sampler's in-use bytes read after it hold no old garbage.
 */
public final class ConcurrentOldCycles {
    /** JFR's name for the collection G1's concurrent cycle reports (HotSpot's G1OldTracer). */
    static final String G1_CONCURRENT_CYCLE = "G1Old";

    private final AtomicLong count = new AtomicLong();

    /** Called for every {@code jdk.GarbageCollection} event with its {@code name}. */
    public void collected(String collectionName) {
        if (G1_CONCURRENT_CYCLE.equals(collectionName)) {
            count.incrementAndGet();
        }
    }

    /** Cycles so far, since the stream started (0 where no stream runs). */
    public long count() {
        return count.get();
    }
}
