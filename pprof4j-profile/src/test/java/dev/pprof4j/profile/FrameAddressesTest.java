package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameAddressesTest {
    private static Location frame(String function, long line) {
        return new Location(new Line(new Function(function, "a/A.java"), line));
    }

    private static Profile profileOf(List<List<Location>> stacks) {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        for (List<Location> stack : stacks) {
            p.samples.add(new Sample(stack, new long[] {1}));
        }
        return p;
    }

    @Test
    void theSameFrameGetsTheSameAddressInEveryProfileAndDistinctFramesDistinctOnes() {
        FrameAddresses table = new FrameAddresses(100);
        Profile first = table.assign(profileOf(List.of(List.of(frame("a.A.f", 10), frame("a.A.main", 3)),
                List.of(frame("a.A.f", 11), frame("a.A.main", 3)))));
        Profile second = table.assign(profileOf(List.of(List.of(frame("a.A.f", 11), frame("a.A.main", 3)))));

        long f10 = first.samples.get(0).locations.get(0).address;
        long f11 = first.samples.get(1).locations.get(0).address;
        long main = first.samples.get(0).locations.get(1).address;
        assertNotEquals(0, f10);
        assertNotEquals(f10, f11, "two lines of one function are two frames");
        assertEquals(main, first.samples.get(1).locations.get(1).address);
        assertEquals(f11, second.samples.get(0).locations.get(0).address, "stable across profiles");
        assertEquals(main, second.samples.get(0).locations.get(1).address);
    }

    @Test
    void anInlinedChainIsAFrameOfItsOwn() {
        FrameAddresses table = new FrameAddresses(100);
        Function leaf = new Function("a.A.leaf", "a/A.java");
        Location inlined = new Location(new Line(leaf, 5));
        inlined.lines.add(new Line(new Function("a.A.caller", "a/A.java"), 9));
        Profile p = table.assign(profileOf(List.of(List.of(inlined), List.of(new Location(new Line(leaf, 5))))));
        assertNotEquals(p.samples.get(0).locations.get(0).address, p.samples.get(1).locations.get(0).address);
    }

    @Test
    void idsRunFromOneInListOrderAndEveryLocationHasTheFunctionsMapping() {
        FrameAddresses table = new FrameAddresses(100);
        Profile p = profileOf(List.of(List.of(frame("a.A.f", 1), frame("a.A.g", 2)), List.of(frame("a.A.h", 3))));
        p.locations.add(frame("a.A.listed", 4));
        p.locations.get(0).id = 42;
        table.assign(p);

        assertEquals(4, p.locations.size());
        for (int i = 0; i < p.locations.size(); i++) {
            assertEquals(i + 1, p.locations.get(i).id);
            assertEquals(p.mappings.get(0), p.locations.get(i).mapping);
        }
        for (int i = 0; i < p.functions.size(); i++) {
            assertEquals(i + 1, p.functions.get(i).id);
        }
        assertEquals(4, p.functions.size());
        assertEquals(1, p.mappings.size());
        Mapping m = p.mappings.get(0);
        assertEquals(1, m.id);
        assertTrue(m.hasFunctions, "has_functions keeps pprof from symbolizing the addresses");
        assertEquals("", m.file, "a file name would add a File: line to go tool pprof's reports");
        for (Location l : p.locations) {
            assertTrue(l.address >= m.memoryStart && l.address < m.memoryLimit, () -> Long.toHexString(l.address));
        }
    }

    @Test
    void aFullTableForgetsTheLeastRecentlyUsedFrameAndNeverGivesItsAddressToAnother() {
        FrameAddresses table = new FrameAddresses(3);
        Set<Long> given = new HashSet<>();
        List<Long> hot = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Profile p = table.assign(profileOf(List.of(List.of(frame("a.A.hot", 1)), List.of(frame("a.A.cold" + i, 1)))));
            hot.add(p.samples.get(0).locations.get(0).address);
            long cold = p.samples.get(1).locations.get(0).address;
            assertTrue(given.add(cold), "address " + Long.toHexString(cold) + " given to a second frame");
        }
        assertEquals(1, Set.copyOf(hot).size(), "a frame used every time stays remembered: " + Set.copyOf(hot));
        assertTrue(table.size() <= 3, "size " + table.size());
        assertEquals(48, table.forgotten(), "51 frames through a table of 3");
    }
}
