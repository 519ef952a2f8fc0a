package dev.pprof4j.report.graph;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass over the samples that adds each sample's value to the nodes of its stack
 * (cum, once per sample even under recursion), to its leaf (flat) and to the calls between
 * them. Locations are resolved to nodes once, not per sample.
 */
final class GraphBuilder {
    private static final Node[] NO_NODES = new Node[0];

    private final Profile profile;
    private final int sampleIndex;
    private final Set<NodeInfo> kept;
    private final Map<NodeInfo, Node> nodesByInfo = new LinkedHashMap<>();
    private final Map<Location, Node[]> nodesByLocation = new IdentityHashMap<>();
    private final Map<String, String> cleanPaths = new HashMap<>();

    GraphBuilder(Profile profile, int sampleIndex, Set<NodeInfo> kept) {
        this.profile = profile;
        this.sampleIndex = sampleIndex;
        this.kept = kept;
    }

    Graph build() {
        for (Location l : profile.locations) {
            nodesOf(l);
        }
        int sampleNo = 0;
        for (Sample sample : profile.samples) {
            sampleNo++;
            long w = sampleIndex < sample.values.length ? sample.values[sampleIndex] : 0;
            if (w == 0) {
                continue;
            }
            Node parent = null;
            boolean residual = false; // the call to the next node skips trimmed ones
            List<Location> locations = sample.locations;
            for (int i = locations.size() - 1; i >= 0; i--) {
                Node[] nodes = nodesOf(locations.get(i));
                for (int ni = nodes.length - 1; ni >= 0; ni--) {
                    Node n = nodes[ni];
                    if (n == null) {
                        residual = true;
                        continue;
                    }
                    if (n.seenInSample != sampleNo) {
                        n.seenInSample = sampleNo;
                        n.cum += w;
                    }
                    if (parent != null && n != parent) {
                        addToEdge(parent, n, w, sampleNo, residual, ni != nodes.length - 1);
                    }
                    parent = n;
                    residual = false;
                }
            }
            if (parent != null && !residual) {
                parent.flat += w;
            }
        }
        return new Graph(Graph.nonZero(nodesByInfo.values()));
    }

    private static void addToEdge(Node from, Node to, long w, int sampleNo, boolean residual, boolean inline) {
        Edge e = from.out.get(to);
        if (e == null) {
            e = new Edge(from, to, inline, residual);
            from.out.put(to, e);
            to.in.put(from, e);
        } else if (e.seenInSample == sampleNo) {
            return;
        } else {
            if (residual) {
                e.residual = true;
            }
            if (!inline) {
                e.inline = false;
            }
        }
        e.seenInSample = sampleNo;
        e.weight += w;
    }

    private Node[] nodesOf(Location l) {
        Node[] nodes = nodesByLocation.get(l);
        if (nodes != null) {
            return nodes;
        }
        String objfile = l.mapping != null ? l.mapping.file : "";
        if (l.lines.isEmpty()) {
            nodes = new Node[] {node(new NodeInfo("", "", l.address, "", 0, 0, objfile))};
        } else {
            nodes = l.lines.size() == 0 ? NO_NODES : new Node[l.lines.size()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = node(info(l, l.lines.get(i), objfile));
            }
        }
        nodesByLocation.put(l, nodes);
        return nodes;
    }

    private NodeInfo info(Location l, Line line, String objfile) {
        Function f = line.function();
        if (f == null) {
            return new NodeInfo("", "", l.address, "", 0, 0, objfile);
        }
        String file = f.filename.isEmpty() ? "" : cleanPaths.computeIfAbsent(f.filename, GoPath::clean);
        if (f.name.isEmpty()) {
            // pprof keeps the binary's name (and start line) only for nameless functions
            return new NodeInfo("", "", l.address, file, f.startLine, line.line(), objfile);
        }
        return new NodeInfo(f.name, "", l.address, file, 0, line.line(), "");
    }

    private Node node(NodeInfo info) {
        if (kept != null && !kept.contains(info)) {
            return null;
        }
        return nodesByInfo.computeIfAbsent(info, Node::new);
    }
}
