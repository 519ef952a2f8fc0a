package dev.pprof4j.report.graph;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A profile's samples prepared for building graphs: each stack as the ids of its nodes, from
 * the root to the leaf, resolved once. A report builds up to three graphs of one profile
 * (all nodes, after nodefraction, after nodecount), and resolving a frame to its node is
 * the costly part of each; here a build only walks arrays.
 */
public final class GraphSource {
    final Profile profile;
    /** Node infos by id, ids given in order of first appearance (locations, then samples). */
    final NodeInfo[] infos;
    /**
     * Per sample, its nodes in pprof's walking order (outermost location first, and within a
     * location its caller line first), each as {@code id << 1 | inlined}: inlined is 1 for
     * all but the first node of a location, the calls pprof marks inline.
     */
    final int[] path;
    /** Sample {@code s}'s nodes are {@code path[starts[s]]} up to {@code path[starts[s + 1]]}. */
    final int[] starts;

    private GraphSource(Profile profile, NodeInfo[] infos, int[] path, int[] starts) {
        this.profile = profile;
        this.infos = infos;
        this.path = path;
        this.starts = starts;
    }

    public static GraphSource of(Profile profile) {
        return new Resolver(profile, false).resolve();
    }

    /**
     * With {@code objNames}, every node keeps its binary's name and its function's start line
     * (pprof's {@code ObjNames}, which {@code -callgrind} sets); otherwise only nameless ones do,
     * so that functions merge across binaries.
     */
    public static GraphSource of(Profile profile, boolean objNames) {
        return new Resolver(profile, objNames).resolve();
    }

    /**
     * The graph of the values at {@code sampleIndex}. When {@code kept} is not null only nodes
     * with those infos take part and calls skip the others (residual calls). Without
     * {@code withCalls} the nodes carry flat and cum but no calls, which is all that choosing
     * the nodes to keep needs, at a fraction of the cost.
     */
    public Graph build(int sampleIndex, Set<NodeInfo> kept, boolean withCalls) {
        return build(sampleIndex, -1, kept, withCalls);
    }

    /**
     * As {@link #build(int, Set, boolean)}, with {@code -mean}: each node's and call's value is
     * the sum of its samples' values divided by the sum of their values at {@code divisorIndex}
     * (the count), none when it is -1.
     */
    public Graph build(int sampleIndex, int divisorIndex, Set<NodeInfo> kept, boolean withCalls) {
        return new GraphBuilder(this, sampleIndex, divisorIndex, keptIds(kept), withCalls).build();
    }

    /** The nodes of the {@code sample}-th sample of the profile, from the root to the leaf. */
    public List<NodeInfo> nodesOf(int sample) {
        List<NodeInfo> nodes = new ArrayList<>(starts[sample + 1] - starts[sample]);
        for (int i = starts[sample]; i < starts[sample + 1]; i++) {
            nodes.add(infos[path[i] >>> 1]);
        }
        return nodes;
    }

    private boolean[] keptIds(Set<NodeInfo> kept) {
        if (kept == null) {
            return null;
        }
        boolean[] ids = new boolean[infos.length];
        for (int id = 0; id < infos.length; id++) {
            ids[id] = kept.contains(infos[id]);
        }
        return ids;
    }

    /** Turns locations into node ids, once per distinct location and node info. */
    private static final class Resolver {
        private final Profile profile;
        private final Map<NodeInfo, Integer> ids = new HashMap<>();
        private final List<NodeInfo> infos = new ArrayList<>();
        private final Map<Location, int[]> pathByLocation = new IdentityHashMap<>();
        private final Map<String, String> cleanPaths = new HashMap<>();

        private final boolean objNames;

        Resolver(Profile profile, boolean objNames) {
            this.profile = profile;
            this.objNames = objNames;
        }

        GraphSource resolve() {
            // Locations whose id is their position plus one (every merged profile's) are
            // found by index; others by identity.
            Location[] locations = profile.locations.toArray(new Location[0]);
            int[][] pathAt = new int[locations.length][];
            for (int i = 0; i < locations.length; i++) {
                pathAt[i] = pathOf(locations[i]);
            }
            int[] starts = new int[profile.samples.size() + 1];
            // Sized by a first pass: the paths of a large profile are tens of MB, and growing
            // the array by doubling held up to three times that at once.
            long length = 0;
            for (Sample sample : profile.samples) {
                for (Location l : sample.locations) {
                    length += pathOf(l, locations, pathAt).length;
                }
            }
            int[] path = new int[(int) Math.min(length, Integer.MAX_VALUE - 16)];
            int n = 0;
            int s = 0;
            for (Sample sample : profile.samples) {
                starts[s++] = n;
                List<Location> stack = sample.locations;
                for (int i = stack.size() - 1; i >= 0; i--) {
                    int[] p = pathOf(stack.get(i), locations, pathAt);
                    System.arraycopy(p, 0, path, n, p.length);
                    n += p.length;
                }
            }
            starts[s] = n;
            return new GraphSource(profile, infos.toArray(new NodeInfo[0]), path, starts);
        }

        private int[] pathOf(Location l, Location[] locations, int[][] pathAt) {
            long id = l.id;
            return id >= 1 && id <= locations.length && locations[(int) id - 1] == l ? pathAt[(int) id - 1] : pathOf(l);
        }

        private int[] pathOf(Location l) {
            int[] p = pathByLocation.get(l);
            if (p != null) {
                return p;
            }
            String objfile = l.mapping != null ? l.mapping.file : "";
            if (l.lines.isEmpty()) {
                p = new int[] {id(new NodeInfo("", "", l.address, "", 0, 0, objfile)) << 1};
            } else {
                // ids in line order (innermost first), as pprof creates the nodes
                int[] lineIds = new int[l.lines.size()];
                for (int i = 0; i < lineIds.length; i++) {
                    lineIds[i] = id(info(l, l.lines.get(i), objfile));
                }
                p = new int[lineIds.length];
                for (int i = lineIds.length - 1, k = 0; i >= 0; i--, k++) {
                    p[k] = lineIds[i] << 1 | (k == 0 ? 0 : 1);
                }
            }
            pathByLocation.put(l, p);
            return p;
        }

        private int id(NodeInfo info) {
            Integer id = ids.get(info);
            if (id == null) {
                id = infos.size();
                ids.put(info, id);
                infos.add(info);
            }
            return id;
        }

        private NodeInfo info(Location l, Line line, String objfile) {
            Function f = line.function();
            if (f == null) {
                return new NodeInfo("", "", l.address, "", 0, 0, objfile);
            }
            String file = f.filename.isEmpty() ? "" : cleanPaths.computeIfAbsent(f.filename, GoPath::clean);
            if (f.name.isEmpty() || objNames) {
                // pprof keeps the binary's name (and start line) for nameless functions, and for all with objNames
                return new NodeInfo(f.name, "", l.address, file, f.startLine, line.line(), objfile);
            }
            return new NodeInfo(f.name, "", l.address, file, 0, line.line(), "");
        }
    }
}
