package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heap profiles from a JVM before 25 warn of HotSpot's outside-TLAB bias; from 25 on they do not. */
class OutsideTlabBiasTest {
    @Test
    void warnsBefore25Only() {
        assertTrue(OutsideTlabBias.note(17).startsWith("; JDK 17: HotSpot samples objects allocated outside TLABs"),
                OutsideTlabBias.note(17));
        assertTrue(OutsideTlabBias.note(21).contains("JDK-8356372"), OutsideTlabBias.note(21));
        assertEquals("", OutsideTlabBias.note(25));
        assertEquals("", OutsideTlabBias.note(26));
    }

    @Test
    void theHeapProfileOfThisJvmCarriesItsNote() {
        Profile p = HeapProfiles.heap(new HeapSnapshot(524288, 0, 0, List.of(),
                new SamplerStats(0, 0, 0, 0, 0, 524288, 524288, 0, 524288), 1));
        String note = OutsideTlabBias.note(Runtime.version().feature());
        assertTrue(p.comments.stream().anyMatch(c -> c.endsWith(note) && c.contains("JDK-8356372") == !note.isEmpty()),
                p.comments.toString());
    }
}
