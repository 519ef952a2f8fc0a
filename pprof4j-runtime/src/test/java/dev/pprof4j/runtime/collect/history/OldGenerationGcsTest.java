package dev.pprof4j.runtime.collect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OldGenerationGcsTest {
    /** The collectors' bean names on HotSpot 17 to 25, and whether a collection of theirs marks the old generation. */
    @ParameterizedTest
    @CsvSource({
        "G1 Young Generation, false", "G1 Old Generation, true", "G1 Concurrent GC, true",
        "PS Scavenge, false", "PS MarkSweep, true", "Copy, false", "MarkSweepCompact, true",
        "ZGC Cycles, true", "ZGC Pauses, false", "ZGC Minor Cycles, false", "ZGC Major Cycles, true",
        "ZGC Minor Pauses, false", "Shenandoah Cycles, true", "Shenandoah Pauses, false"})
    void namesTheCollectorsThatMarkTheOldGeneration(String collector, boolean marks) {
        assertEquals(marks, OldGenerationGcs.marksOldGeneration(collector), collector);
    }

    @Test
    void aFullGcIsCountedAtOnce() {
        OldGenerationGcs gcs = new OldGenerationGcs(new ConcurrentOldCycles());
        boolean explicitIsConcurrent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.contains("ExplicitGCInvokesConcurrent"));
        long before = gcs.count();
        System.gc();
        long after = gcs.count();
        assertTrue(explicitIsConcurrent || after > before,
                "System.gc() is a full GC on this JVM's collector, yet the count went " + before + " -> " + after);
    }
}
