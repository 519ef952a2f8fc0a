package dev.pprof4j.report.top;

import dev.pprof4j.report.Measurement;
import dev.pprof4j.report.graph.CallTree;
import dev.pprof4j.report.graph.Edge;
import dev.pprof4j.report.graph.Graph;
import dev.pprof4j.report.graph.GraphSource;
import dev.pprof4j.report.graph.Node;
import dev.pprof4j.report.graph.NodeInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -callgrind}: the call graph in Valgrind's callgrind format, which KCachegrind and
 * {@code callgrind_annotate} read, as go tool pprof writes it: one cost line per node (at
 * address granularity, untrimmed) with its flat value in the report's unit, and per call a
 * {@code calls=} line with the call's weight; file and function names are compressed to
 * {@code (N)} after their first use. With {@code -call_tree} a node per path; a function
 * drawn under several callers then gets callgrind's {@code [i/n]} suffix per path.
 */
public final class CallgrindReport {
    private CallgrindReport() {
    }

    public static void print(Report rpt, StringBuilder out) {
        // nodes keep their binary's name (callgrind's ob=) and start line, as pprof's ObjNames
        GraphSource source = GraphSource.of(rpt.profile, true);
        Graph graph;
        if (rpt.config.callTree) {
            // untrimmed, so the tree needs no cut: a node per path, each call its own
            graph = CallTree.of(source, rpt.sampleIndex, rpt.meanDivisor, rpt.config.dropNegative).graph;
            graph.sort(rpt.config.cumSort);
        } else {
            graph = TrimmedGraph.of(rpt, source, 0, 0, 0).graph();
        }
        List<Node> nodes = graph.nodes;
        rpt.selectOutputUnit(graph, true);
        Map<Node, String> calleeNames = disambiguated(nodes);
        out.append("positions: instr line\n");
        out.append("events: ").append(rpt.sampleType).append('(').append(rpt.outputUnit()).append(")\n");
        Map<String, Integer> objfiles = new HashMap<>();
        Map<String, Integer> files = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        NodeInfo prev = null;
        for (Node n : nodes) {
            NodeInfo info = n.info;
            if (prev == null || !info.objfile().equals(prev.objfile()) || !info.file().equals(prev.file())
                    || !info.name().equals(prev.name())) {
                out.append('\n');
                out.append("ob=").append(name(objfiles, info.objfile())).append('\n');
                out.append("fl=").append(name(files, info.file())).append('\n');
                out.append("fn=").append(name(names, info.name())).append('\n');
            }
            out.append(address(prev, info.address())).append(' ').append(info.lineno()).append(' ')
                    .append(scaled(rpt, n.flatValue())).append('\n');
            for (Edge call : n.callees()) {
                NodeInfo callee = call.dest.info;
                out.append("cfl=").append(name(files, callee.file())).append('\n');
                // a callee whose own values cancelled out is not a node of the graph: nameless, as in go tool pprof
                out.append("cfn=").append(name(names, calleeNames.getOrDefault(call.dest, ""))).append('\n');
                // a call has no flat weight of its own in a profile: 0 calls, as go tool pprof writes
                out.append("calls=0 ").append(address(prev, callee.address())).append(' ').append(callee.lineno()).append('\n');
                out.append("* * ").append(scaled(rpt, call.weight)).append('\n');
            }
            prev = info;
        }
    }

    /** A value in the report's unit, its fraction cut off (callgrind costs are whole numbers). */
    private static long scaled(Report rpt, long value) {
        return (long) Measurement.scale(value, rpt.sampleUnit, rpt.outputUnit()).value();
    }

    /**
     * Callgrind joins functions of the same file and name; nodes of different functions that
     * share both (another start line, another binary) get a {@code [i/n]} suffix to stay apart.
     */
    private static Map<Node, String> disambiguated(List<Node> nodes) {
        Map<List<String>, Map<List<Object>, Integer>> functionsByName = new HashMap<>();
        for (Node n : nodes) {
            Map<List<Object>, Integer> functions = functionsByName.computeIfAbsent(List.of(n.info.file(), n.info.name()),
                    k -> new LinkedHashMap<>());
            functions.putIfAbsent(function(n), functions.size());
        }
        Map<Node, String> out = new HashMap<>();
        for (Node n : nodes) {
            Map<List<Object>, Integer> functions = functionsByName.get(List.of(n.info.file(), n.info.name()));
            String name = n.info.name();
            if (functions.size() > 1) {
                name += " [" + (functions.get(function(n)) + 1) + "/" + functions.size() + "]";
            }
            out.put(n, name);
        }
        return out;
    }

    /**
     * The whole function a node belongs to: its info without address and line and, in a call
     * tree, its caller too, since each path has its own (pprof's {@code Node.Function}, made
     * per parent in a tree); a root's caller is the empty string.
     */
    private static List<Object> function(Node n) {
        NodeInfo i = n.info;
        NodeInfo f = new NodeInfo(i.name(), i.origName(), 0, i.file(), i.startLine(), 0, i.objfile());
        Object caller = n.treeCaller();
        return List.of(f, caller == null ? "" : caller);
    }

    /** Callgrind's name compression: "(N) name" the first time, "(N)" after; "" stays "". */
    private static String name(Map<String, Integer> seen, String name) {
        if (name.isEmpty()) {
            return "";
        }
        Integer id = seen.get(name);
        if (id != null) {
            return "(" + id + ")";
        }
        seen.put(name, seen.size() + 1);
        return "(" + seen.size() + ") " + name;
    }

    /** Callgrind's subposition compression: "*" for the previous address, "+N"/"-N" when shorter than 0x... */
    private static String address(NodeInfo prev, long address) {
        String abs = "0x" + Long.toHexString(address);
        if (prev == null) {
            return abs;
        }
        if (prev.address() == address) {
            return "*";
        }
        long diff = address - prev.address();
        String relative = (diff >= 0 ? "+" : "") + diff;
        return relative.length() < abs.length() ? relative : abs;
    }
}
