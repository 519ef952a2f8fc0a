package dev.pprof4j.report.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTreeTest {

    /** Each node as "indent name cum/flat", pre-order: readable in a failure message. */
    private static List<String> dump(FrameTree tree, int column) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            rows.add("  ".repeat(tree.depth(i)) + tree.name(i) + " " + tree.value(column, i) + "/"
                    + tree.flatValue(column, i)
                    + (tree.hasBase() ? " base " + tree.baseValue(column, i) : ""));
        }
        return rows;
    }

    @Test
    void mergesIdenticalPathsAndSortsSiblingsByName() {
        Profile p = new Profiles("samples/count", "cpu/nanoseconds")
                .add("main;work;sort", 3, 30)
                .add("main;work", 2, 20)
                .add("main;idle", 1, 10)
                .add("main;work;sort", 4, 40)
                .add("main;alloc", 5, 50)
                .profile();
        FrameTree tree = FrameTree.of(p);
        assertEquals(List.of(
                "root 15/0",
                "  main 15/0",
                "    alloc 5/5",
                "    idle 1/1",
                "    work 9/2",
                "      sort 7/7"), dump(tree, 0));
        assertEquals(150, tree.value(1, 0));
        assertEquals(70, tree.value(1, 5));
        assertFalse(tree.hasBase());
    }

    @Test
    void recursionKeepsOneNodePerDepth() {
        FrameTree tree = FrameTree.of(new Profiles("samples/count").add("f;f;f", 2).add("f", 1).profile());
        assertEquals(List.of("root 3/0", "  f 3/1", "    f 2/0", "      f 2/2"), dump(tree, 0));
    }

    @Test
    void inlinedFramesBecomeTheirOwnNodesUnderTheirCaller() {
        // "leaf+caller" is one location whose first line (leaf) was inlined into caller.
        FrameTree tree = FrameTree.of(new Profiles("samples/count").add("main;leaf+caller", 4).profile());
        assertEquals(List.of("root 4/0", "  main 4/0", "    caller 4/0", "      leaf 4/4"), dump(tree, 0));
    }

    @Test
    void baseValuesAreMatchedBySampleTypeName() {
        Profile now = new Profiles("alloc_space/bytes", "inuse_space/bytes")
                .add("main;grow", 100, 900).add("main;same", 50, 50).profile();
        // The base lists its types in another order and lacks a path the new one has.
        Profile base = new Profiles("inuse_space/bytes", "alloc_space/bytes")
                .add("main;same", 50, 50).add("main;gone", 300, 30).profile();
        FrameTree tree = FrameTree.of(now, base);
        assertTrue(tree.hasBase());
        assertEquals(List.of(
                "root 950/0 base 350",
                "  main 950/0 base 350",
                "    gone 0/0 base 300",
                "    grow 900/900 base 0",
                "    same 50/50 base 50"), dump(tree, 1));
        assertEquals(80, tree.baseValue(0, 0));
    }

    @Test
    void emptyProfileIsJustTheRoot() {
        FrameTree tree = FrameTree.of(new Profiles("samples/count").profile());
        assertEquals(List.of("root 0/0"), dump(tree, 0));
    }

    @Test
    void pathsBelowTheMinimumFractionAreLeftOutButStillCountInTheirCallers() {
        Profile p = new Profiles("samples/count", "alloc_space/bytes")
                .add("main;big", 990, 10)
                .add("main;tiny;deeper", 5, 0)
                .add("main;small", 5, 990).profile(); // small in samples, big in bytes: kept
        FrameTree tree = FrameTree.of(p, null, 0.01);
        assertEquals(List.of("root 1000/0", "  main 1000/5", "    big 990/990", "    small 5/5"), dump(tree, 0));
        assertEquals(1, tree.prunedPaths());
    }

    @Test
    void aBoundedTreeRaisesTheCutUntilItFits() {
        Profiles profiles = new Profiles("samples/count");
        for (int i = 0; i < 400; i++) { // each handler: one leaf of 50 samples, 19 of 1
            profiles.add("main;handler" + (i % 20) + ";leaf" + i, i < 20 ? 50 : 1);
        }
        Profile p = profiles.profile();
        FrameTree full = FrameTree.bounded(p, null, 0.00001, 10_000);
        assertEquals(1 + 1 + 20 + 400, full.size(), "everything fits");
        assertEquals(0.00001, full.minFraction());
        FrameTree bounded = FrameTree.bounded(p, null, 0.00001, 100);
        assertEquals(1 + 1 + 20 + 20, bounded.size(), "the 1-sample leaves go, the 50-sample ones stay");
        assertEquals(380, bounded.prunedPaths());
        assertTrue(bounded.minFraction() > 1.0 / 1380, "a cut of 2 samples in 1380: " + bounded.minFraction());
        assertEquals(1380, bounded.value(0, 0), "the root still holds every sample");
    }
}
