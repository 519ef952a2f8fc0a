package dev.pprof4j.runtime.collect.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sites on few samples are named in the heap profile's comment with their counts, largest first. */
class FewSamplesNoteTest {
    private static HeapSite site(String method, long samples, long live, long inuseSpace) {
        return new HeapSite(List.of(new StackFrame("app.Svc", method, "Svc.java", 7)), "byte[]",
                samples * 10, samples * 1_000_000, live * 10, inuseSpace, samples, samples * 65536, live, live * 65536);
    }

    @Test
    void noNoteWhenEverySiteHasEnoughSamples() {
        assertEquals("", FewSamplesNote.of(List.of(site("a", 10, 3, 100), site("b", 400, 0, 0))));
    }

    @Test
    void fewSampleSitesNamedLargestFirstWithTheirCounts() {
        String note = FewSamplesNote.of(List.of(site("many", 400, 300, 900_000_000), site("small", 2, 0, 0),
                site("held", 3, 1, 6_000_000), site("one", 1, 1, 2_000_000)));
        assertEquals("; 3 of 4 sites stand on fewer than 10 samples each (an estimate from n samples is off by about"
                + " 1/sqrt(n)); the largest: app.Svc.held byte[] 3 samples (1 held), app.Svc.one byte[] 1 sample"
                + " (1 held), app.Svc.small byte[] 2 samples (0 held)", note);
    }

    @Test
    void beyondTenSitesTheRestAreCountedAndTheProfileCarriesTheNote() {
        List<HeapSite> sites = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            sites.add(site("m" + i, 1 + i % 9, 0, 1000 - i));
        }
        String note = FewSamplesNote.of(sites);
        assertTrue(note.startsWith("; 13 of 13 sites stand on fewer than 10 samples"), note);
        assertTrue(note.contains("app.Svc.m9 byte[] 1 sample (0 held), and 3 more"), note);
        Profile p = HeapProfiles.heap(new HeapSnapshot(2097152, 0, 0, sites,
                new SamplerStats(60, 0, 0, 0, 13, 2097152, 2097152, 0, 2097152), 1));
        assertTrue(p.comments.stream().anyMatch(c -> c.contains(note)), p.comments.toString());
    }
}
