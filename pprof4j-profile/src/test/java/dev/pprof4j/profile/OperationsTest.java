package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the operations go tool pprof has no flag to show directly. */
class OperationsTest {
    @ParameterizedTest
    @CsvSource({
        "10, 0.5, 5",
        "15, 0.5, 8",      // 7.5 rounds away from zero
        "-15, 0.5, -8",    // -7.5 too, as Go's math.Round
        "3, -1, -3",
        "7, 0, 0",
    })
    void scaleRoundsLikeGo(long value, double ratio, long expected) {
        Profile p = oneSample(value, 1);
        Scaler.scale(p, ratio);
        if (expected == 0) {
            assertTrue(p.samples.isEmpty(), "a sample scaled to all zeros is removed");
        } else {
            assertEquals(expected, p.samples.get(0).values[0]);
        }
    }

    @Test
    void scaleKeepsSamplesOnlyForNonzeroScaledValues() {
        Profile p = oneSample(5, 9);
        Scaler.scale(p, new double[] {0, 1});
        // pprof's quirk: value 1 was not scaled, so it does not keep the sample.
        assertTrue(p.samples.isEmpty());
        Profile q = oneSample(5, 9);
        assertThrows(IllegalArgumentException.class, () -> Scaler.scale(q, new double[] {1}));
    }

    @Test
    void mergeCombinesHeadersAsPprof() throws Exception {
        Profile a = TestProfiles.large(1, 50, 20);
        Profile b = TestProfiles.large(1, 50, 20);
        a.timeNanos = 500;
        b.timeNanos = 300;
        b.period = a.period * 2;
        b.comments.add("extra");
        a.defaultSampleType = "";
        b.defaultSampleType = "cpu";
        Profile m = Merger.merge(List.of(a, b));
        assertEquals(300, m.timeNanos);
        assertEquals(a.durationNanos + b.durationNanos, m.durationNanos);
        assertEquals(b.period, m.period);
        assertEquals(List.of(a.comments.get(0), "extra"), m.comments);
        assertEquals("cpu", m.defaultSampleType);
        // Same seed, same stacks: every sample of b merges into one of a's, values doubled.
        assertEquals(Merger.compact(a).samples.size(), m.samples.size());
        long total = a.samples.stream().mapToLong(s -> s.values[1]).sum() * 2;
        assertEquals(total, m.samples.stream().mapToLong(s -> s.values[1]).sum());
        // Equal functions from both inputs are one object.
        assertEquals(Merger.compact(a).functions.size(), m.functions.size());
    }

    @Test
    void mergeRefusesDifferentSampleTypes() {
        Profile cpu = TestProfiles.large(1, 5, 5);
        Profile heap = TestProfiles.everyField();
        IncompatibleProfilesException e = assertThrows(IncompatibleProfilesException.class,
                () -> Merger.merge(List.of(cpu, heap)));
        assertTrue(e.getMessage().startsWith("incompatible period types"), e.getMessage());
        heap.periodType = cpu.periodType;
        e = assertThrows(IncompatibleProfilesException.class, () -> Merger.merge(List.of(cpu, heap)));
        assertTrue(e.getMessage().startsWith("incompatible sample types"), e.getMessage());
    }

    @Test
    void subtractingAProfileFromItselfLeavesNothing() throws Exception {
        Profile a = TestProfiles.large(4, 200, 30);
        Profile diff = Difference.subtract(a, a.copy());
        assertEquals(0, diff.samples.size());
        assertEquals(0, diff.locations.size(), "compacted: nothing left that no sample uses");
    }

    @Test
    void diffBaseLabelsTheBaseSamples() throws Exception {
        Profile a = TestProfiles.large(4, 200, 30);
        Profile diff = Difference.diffBase(a, a.copy());
        long base = diff.samples.stream().filter(Difference::isBaseSample).count();
        assertEquals(diff.samples.size() - base, base, "each stack once from each side");
        assertTrue(diff.samples.stream().filter(Difference::isBaseSample).allMatch(s -> s.values[0] < 0));
    }

    @Test
    void copyIsDeepAndKeepsSharing() {
        Profile a = TestProfiles.everyField();
        Profile c = a.copy();
        assertEquals(GoRawProfile.canonicalSamples(a), GoRawProfile.canonicalSamples(c));
        assertNotSame(a.locations.get(0), c.locations.get(0));
        Location mainInFirst = c.samples.get(0).locations.get(2);
        assertSame(mainInFirst, c.samples.get(1).locations.get(1));
        assertSame(c.locations.get(0), mainInFirst);
        c.samples.get(0).values[0] = 999;
        assertEquals(1, a.samples.get(0).values[0]);
    }

    @Test
    void compactionDropsWhatNoSampleReaches() {
        Profile p = TestProfiles.everyField();
        p.samples.removeIf(s -> s.locations.size() != 2); // keeps work -> main only
        Compaction.removeUnused(p);
        assertEquals(List.of("com.example.App.main", "com.example.App.work"),
                p.locations.stream().map(l -> l.lines.get(0).function().name).toList());
        assertEquals(2, p.functions.size());
        assertEquals(1, p.mappings.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "functions     | com.example.App.work |        | 0  | 2",
        "filefunctions | com.example.App.work | App.java | 0 | 2",
        "files         |                      | App.java | 0  | 2",
        "lines         | com.example.App.work | App.java | 27 | 2",
    })
    void granularityBlanksWhatItIgnores(String granularity, String name, String file, long line, int inlined) {
        Profile p = TestProfiles.everyField();
        Granularity.parse(granularity).apply(p, true);
        Location inlinedLoc = p.locations.get(2);
        assertEquals(inlined, inlinedLoc.lines.size());
        Line outer = inlinedLoc.lines.get(1);
        assertEquals(name == null ? "" : name, outer.function().name);
        assertEquals(file == null ? "" : file, outer.function().filename);
        assertEquals(line, outer.line());
        assertEquals(0, inlinedLoc.address);
    }

    @Test
    void noInlinesKeepsTheOutermostFrame() {
        Profile p = TestProfiles.everyField();
        Granularity.ADDRESSES.apply(p, false);
        Location inlinedLoc = p.locations.get(2);
        assertEquals(1, inlinedLoc.lines.size());
        assertEquals("com.example.App.work", inlinedLoc.lines.get(0).function().name);
        assertEquals(0x1030, inlinedLoc.address);
        assertThrows(IllegalArgumentException.class, () -> Granularity.parse("modules"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo(int)|foo",
        ".foo|foo",
        "ns::(anonymous namespace)::f(int)|ns::(anonymous namespace)::f",
        "Foo::operator()(int)|Foo::operator()",
        "java.util.HashMap.resize|java.util.HashMap.resize",
    })
    void simplifyFuncCutsArgumentLists(String name, String simplified) {
        assertEquals(simplified, FramePruner.simplifyFunc(name));
    }

    @Test
    void longIndexFindsWhatWasPut() {
        LongIndex index = new LongIndex(2);
        for (long k = 1; k < 5000; k += 3) {
            assertTrue(index.putIfAbsent(k * 0x1_0000_0001L, (int) k));
        }
        assertEquals(-1, index.get(2));
        assertEquals(301, index.get(301 * 0x1_0000_0001L));
        assertTrue(!index.putIfAbsent(0x1_0000_0001L, 7));
    }

    private static Profile oneSample(long v0, long v1) {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("a", "count"));
        p.sampleTypes.add(new ValueType("b", "count"));
        Location l = new Location(new Line(new Function("f", "f.go"), 1));
        p.samples.add(new Sample(new ArrayList<>(List.of(l)), v0, v1));
        assertArrayEquals(new long[] {v0, v1}, p.samples.get(0).values);
        return p;
    }
}
