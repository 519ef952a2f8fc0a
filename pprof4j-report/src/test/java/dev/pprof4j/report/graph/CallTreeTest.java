package dev.pprof4j.report.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The context-sensitive call tree (-call_tree) of a small profile whose tree is known by hand. */
class CallTreeTest {
    /** main -> a -> c (30), main -> b -> c (10), main -> b (5), main -> a -> c -> c (2: recursion). */
    private static Profile profile() {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        Map<String, Location> locs = new TreeMap<>();
        for (String name : List.of("main", "a", "b", "c")) {
            Function f = new Function(name, name + ".go");
            f.id = p.functions.size() + 1;
            p.functions.add(f);
            Location l = new Location(new Line(f, 1));
            l.id = p.locations.size() + 1;
            p.locations.add(l);
            locs.put(name, l);
        }
        add(p, locs, 30, "c", "a", "main");
        add(p, locs, 10, "c", "b", "main");
        add(p, locs, 5, "b", "main");
        add(p, locs, 2, "c", "c", "a", "main");
        return p;
    }

    private static void add(Profile p, Map<String, Location> locs, long value, String... leafFirst) {
        List<Location> stack = new ArrayList<>();
        for (String name : leafFirst) {
            stack.add(locs.get(name));
        }
        p.samples.add(new Sample(stack, value));
    }

    @Test
    void aFunctionReachedThroughTwoCallersIsTwoNodes() {
        CallTree tree = CallTree.of(GraphSource.of(profile()), 0, -1, false);
        // main; a, b under main; c under a, c under b; c under c (recursion is a chain, not a loop)
        assertEquals(List.of("a", "b", "c", "c", "c", "main"), names(tree.graph.nodes));
        Node cUnderA = only(tree.graph.nodes, "c", "a");
        assertEquals(32, cUnderA.cum);
        assertEquals(30, cUnderA.flat);
        assertEquals(10, only(tree.graph.nodes, "c", "b").cum);
        Node main = only(tree.graph.nodes, "main", null);
        assertEquals(47, main.cum);
        assertEquals(List.of(32L, 15L), main.callees().stream().map(e -> e.weight).toList());
        // the graph has one c with every sample through it
        Graph g = GraphSource.of(profile()).build(0, null, true);
        assertEquals(4, g.nodes.size());
    }

    @Test
    void trimmingHangsADroppedNodesCalleesFromItsCaller() {
        CallTree tree = CallTree.of(GraphSource.of(profile()), 0, -1, false);
        Graph g = tree.graph;
        List<Node> kept = new ArrayList<>(g.nodes);
        kept.remove(only(g.nodes, "b", "main"));
        CallTree.trim(g, CallTree.identitySet(kept));
        assertEquals(5, g.nodes.size());
        Node cUnderB = only(g.nodes, "c", "main");
        Edge skip = cUnderB.callers().get(0);
        assertTrue(skip.residual, "the call skips b");
        assertEquals(10, skip.weight);
        // dropping the root makes its callees roots
        List<Node> withoutMain = new ArrayList<>(g.nodes);
        withoutMain.remove(only(g.nodes, "main", null));
        CallTree.trim(g, CallTree.identitySet(withoutMain));
        assertEquals(2, g.nodes.stream().filter(n -> n.callers().isEmpty()).count(), "a and c are roots");
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(n -> n.info.name()).sorted().toList();
    }

    /** The node named {@code name} whose caller is named {@code caller} (null: a root). */
    private static Node only(List<Node> nodes, String name, String caller) {
        List<Node> found = nodes.stream().filter(n -> n.info.name().equals(name))
                .filter(n -> caller == null ? n.callers().isEmpty()
                        : !n.callers().isEmpty() && n.callers().get(0).src.info.name().equals(caller))
                .toList();
        assertEquals(1, found.size(), name + " under " + caller + ": " + found);
        return found.get(0);
    }
}
