package dev.pprof4j.report.flame;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a profile merged into one tree of frames, root first: every distinct call
 * path is one node, whatever the number of samples that took it. This is what a flame graph
 * draws, and it is far smaller than the samples (a million samples of a service usually
 * share a few ten thousand paths).
 *
 * <p>Nodes are numbered in pre-order with siblings sorted by name (as flamegraph.pl does, so
 * two graphs of the same program line up), and kept in flat arrays: a name index into
 * {@link #names()}, a depth, and per sample type the cumulative value. A node's flat value
 * is its value minus its children's. For a differential graph every node also carries the
 * base profile's value, so the page can colour growth and shrinkage and size by either.
 */
public final class FrameTree {
    /** Name of the root node, which stands for all samples. */
    public static final String ROOT = "root";

    private final List<ValueType> sampleTypes;
    private final List<String> names;
    private final int[] nameIds;
    private final int[] depths;
    private final long[][] values;
    private final long[][] baseValues;
    private final int prunedPaths;
    private double minFraction;

    private FrameTree(List<ValueType> sampleTypes, List<String> names, int[] nameIds, int[] depths,
            long[][] values, long[][] baseValues, int prunedPaths) {
        this.sampleTypes = sampleTypes;
        this.names = names;
        this.nameIds = nameIds;
        this.depths = depths;
        this.values = values;
        this.baseValues = baseValues;
        this.prunedPaths = prunedPaths;
    }

    /** The tree of {@code profile}'s samples. */
    public static FrameTree of(Profile profile) {
        return of(profile, null);
    }

    /**
     * The tree of {@code profile}'s samples, each node also carrying what {@code base} (may
     * be null) spent there. Base sample types are matched to the profile's by type name;
     * a type the base lacks counts as zero.
     */
    public static FrameTree of(Profile profile, Profile base) {
        return of(profile, base, 0);
    }

    /**
     * Like {@link #of(Profile, Profile)}, leaving out every call path whose value is below
     * {@code minFraction} of the total in every sample type (base included): at 0.00001 such a
     * frame is a fiftieth of a pixel wide on a 2000-pixel screen, yet in a profile of a million
     * mostly distinct stacks these frames are nine in ten of the tree. What they spent still
     * counts in their callers' cumulative values, so a caller's flat value includes its left-out
     * callees; {@link #prunedPaths()} says how many were left out.
     */
    public static FrameTree of(Profile profile, Profile base, double minFraction) {
        Builder builder = new Builder(profile.sampleTypes.size(), base != null);
        builder.reserve(profile);
        if (base != null) {
            builder.reserve(base);
        }
        builder.add(profile, null, false);
        if (base != null) {
            int[] columnOf = new int[base.sampleTypes.size()];
            for (int i = 0; i < columnOf.length; i++) {
                columnOf[i] = profile.sampleIndexOf(base.sampleTypes.get(i).type());
            }
            builder.add(base, columnOf, true);
        }
        FrameTree tree = builder.finish(List.copyOf(profile.sampleTypes), minFraction);
        tree.minFraction = minFraction;
        return tree;
    }

    /**
     * Like {@link #of(Profile, Profile, double)} with the cut doubled until the tree has at
     * most {@code maxFrames} nodes, so that what is drawn from it has a size bound.
     */
    public static FrameTree bounded(Profile profile, Profile base, double minFraction, int maxFrames) {
        FrameTree tree = of(profile, base, minFraction);
        for (double fraction = minFraction * 2; tree.size() > maxFrames && fraction < 1; fraction *= 2) {
            tree = of(profile, base, fraction);
        }
        return tree;
    }

    /** The share of the total under which call paths were left out (0: none). */
    public double minFraction() {
        return minFraction;
    }

    /** Call paths (subtrees) left out for being below the minimum fraction. */
    public int prunedPaths() {
        return prunedPaths;
    }

    public List<ValueType> sampleTypes() {
        return sampleTypes;
    }

    /** The distinct frame names; {@link #nameId(int)} indexes it. */
    public List<String> names() {
        return names;
    }

    /** Number of nodes, the root included. */
    public int size() {
        return nameIds.length;
    }

    public int nameId(int node) {
        return nameIds[node];
    }

    public String name(int node) {
        return names.get(nameIds[node]);
    }

    /** 0 for the root. */
    public int depth(int node) {
        return depths[node];
    }

    /** Cumulative value of {@code node} for sample type {@code column}. */
    public long value(int column, int node) {
        return values[column][node];
    }

    public boolean hasBase() {
        return baseValues != null;
    }

    /** Cumulative base value; 0 when the tree has no base. */
    public long baseValue(int column, int node) {
        return baseValues == null ? 0 : baseValues[column][node];
    }

    /** Flat (self) value: the node's value minus its children's. */
    public long flatValue(int column, int node) {
        long flat = values[column][node];
        for (int child = node + 1; child < size() && depths[child] > depths[node]; child++) {
            if (depths[child] == depths[node] + 1) {
                flat -= values[column][child];
            }
        }
        return flat;
    }

    /**
     * Builds the nodes one depth at a time, and only those at or above the cutoff: a
     * million mostly distinct stacks make tens of millions of trie nodes, nearly all of them
     * below the cutoff, and inserting each sample frame by frame into that trie is dominated
     * by cache misses. Level by level, a sample stops at the first frame whose call path is
     * left out, so the work is the frames down to the cutoff and the maps stay small.
     */
    private static final class Builder {
        private final int columns;
        private final boolean withBase;
        private final Map<String, Integer> nameIndex = new HashMap<>();
        private final List<String> names = new ArrayList<>();
        private int size;
        private int[] parents = new int[1024];
        private int[] nameIds = new int[1024];
        private long[] values;
        private long[] baseValues;
        private int pruned;

        // Every sample of the profile and of the base: its frames' name ids root first,
        // flattened, and its values already placed in this tree's columns.
        private int samples;
        private int[] pathStart = new int[1024];
        private int[] pathIds = new int[1 << 16];
        private long[] sampleValues;
        private boolean[] fromBase = new boolean[1024];

        Builder(int columns, boolean withBase) {
            this.columns = columns;
            this.withBase = withBase;
            values = new long[1024 * columns];
            baseValues = withBase ? new long[1024 * columns] : null;
            sampleValues = new long[1024 * columns];
            newNode(-1, nameId(ROOT));
        }

        /** Sizes the per-sample arrays for {@code profile} at once rather than by doubling them. */
        void reserve(Profile profile) {
            long frames = pathIds.length;
            for (Sample sample : profile.samples) {
                frames += sample.locations.size(); // inlined lines, if any, grow the array later
            }
            int capacity = pathStart.length + profile.samples.size();
            pathStart = Arrays.copyOf(pathStart, capacity);
            fromBase = Arrays.copyOf(fromBase, capacity);
            sampleValues = Arrays.copyOf(sampleValues, capacity * columns);
            pathIds = Arrays.copyOf(pathIds, (int) Math.min(Integer.MAX_VALUE - 8, frames));
        }

        void add(Profile profile, int[] columnOf, boolean base) {
            // Name ids per location: by location id where ids are small (decoded profiles),
            // by identity for the rest (profiles built in memory may leave ids at 0).
            int idLimit = profile.locations.size() * 4 + 1024;
            Location[] owners = new Location[idLimit];
            int[][] byId = new int[idLimit][];
            Map<Location, int[]> byLocation = new IdentityHashMap<>();
            for (Sample sample : profile.samples) {
                if (samples + 1 >= pathStart.length) {
                    int capacity = pathStart.length * 2;
                    pathStart = Arrays.copyOf(pathStart, capacity);
                    fromBase = Arrays.copyOf(fromBase, capacity);
                    sampleValues = Arrays.copyOf(sampleValues, capacity * columns);
                }
                int at = pathStart[samples];
                List<Location> locations = sample.locations;
                for (int l = locations.size() - 1; l >= 0; l--) {
                    Location location = locations.get(l);
                    int[] ids;
                    long id = location.id;
                    if (id > 0 && id < idLimit && (owners[(int) id] == location || owners[(int) id] == null)) {
                        ids = byId[(int) id];
                        if (ids == null) {
                            ids = namesRootFirst(location);
                            byId[(int) id] = ids;
                            owners[(int) id] = location;
                        }
                    } else {
                        ids = byLocation.get(location);
                        if (ids == null) {
                            ids = namesRootFirst(location);
                            byLocation.put(location, ids);
                        }
                    }
                    if (at + ids.length > pathIds.length) {
                        pathIds = Arrays.copyOf(pathIds, Math.max(at + ids.length, pathIds.length * 2));
                    }
                    System.arraycopy(ids, 0, pathIds, at, ids.length);
                    at += ids.length;
                }
                for (int i = 0; i < sample.values.length; i++) {
                    int column = columnOf == null ? i : columnOf[i];
                    if (column >= 0 && column < columns) {
                        sampleValues[samples * columns + column] += sample.values[i];
                    }
                }
                fromBase[samples] = base;
                pathStart[++samples] = at;
            }
        }

        /** A location's frame names, root first: its last line is the caller of the inlined ones before it. */
        private int[] namesRootFirst(Location location) {
            if (location.lines.isEmpty()) {
                return new int[] {nameId(String.format("0x%x", location.address))};
            }
            int[] ids = new int[location.lines.size()];
            for (int i = location.lines.size() - 1, k = 0; i >= 0; i--, k++) {
                Line line = location.lines.get(i);
                String name = line.function() == null || line.function().name.isEmpty()
                        ? String.format("0x%x", location.address) : line.function().name;
                ids[k] = nameId(name);
            }
            return ids;
        }

        /** Grows the tree from the root, keeping the call paths at or above {@code cutoff} in some column. */
        void grow(long[] cutoff, boolean prune) {
            for (int s = 0; s < samples; s++) {
                accumulate(0, s);
            }
            // The samples still descending, and the node each has reached.
            int[] alive = new int[samples];
            int[] at = new int[samples];
            int aliveCount = 0;
            for (int s = 0; s < samples; s++) {
                if (pathStart[s + 1] > pathStart[s]) {
                    alive[aliveCount++] = s;
                }
            }
            int[] candidateOf = new int[samples];
            LongIntMap candidates = new LongIntMap(1 << 12);
            long[] candidateValues = new long[1024 * columns];
            long[] candidateBase = withBase ? new long[1024 * columns] : null;
            long[] candidateKeys = new long[1024];
            for (int depth = 0; aliveCount > 0; depth++) {
                candidates.clear();
                int count = 0;
                for (int i = 0; i < aliveCount; i++) {
                    int s = alive[i];
                    long key = ((long) at[s] << 32) | pathIds[pathStart[s] + depth];
                    int c = candidates.get(key);
                    if (c < 0) {
                        c = count++;
                        candidates.put(key, c);
                        if (c == candidateKeys.length) {
                            candidateKeys = Arrays.copyOf(candidateKeys, c * 2);
                            candidateValues = Arrays.copyOf(candidateValues, c * 2 * columns);
                            if (withBase) {
                                candidateBase = Arrays.copyOf(candidateBase, c * 2 * columns);
                            }
                        }
                        candidateKeys[c] = key;
                        Arrays.fill(candidateValues, c * columns, (c + 1) * columns, 0);
                        if (withBase) {
                            Arrays.fill(candidateBase, c * columns, (c + 1) * columns, 0);
                        }
                    }
                    candidateOf[s] = c;
                    long[] target = fromBase[s] ? candidateBase : candidateValues;
                    for (int col = 0; col < columns; col++) {
                        target[c * columns + col] += sampleValues[s * columns + col];
                    }
                }
                // Candidates become nodes, or are left out with all below them.
                int[] nodeOf = new int[count];
                for (int c = 0; c < count; c++) {
                    if (prune && belowCutoff(candidateValues, candidateBase, c, cutoff)) {
                        nodeOf[c] = -1;
                        pruned++;
                        continue;
                    }
                    int node = newNode((int) (candidateKeys[c] >>> 32), (int) candidateKeys[c]);
                    System.arraycopy(candidateValues, c * columns, values, node * columns, columns);
                    if (withBase) {
                        System.arraycopy(candidateBase, c * columns, baseValues, node * columns, columns);
                    }
                    nodeOf[c] = node;
                }
                int stillAlive = 0;
                for (int i = 0; i < aliveCount; i++) {
                    int s = alive[i];
                    int node = nodeOf[candidateOf[s]];
                    if (node >= 0 && pathStart[s] + depth + 1 < pathStart[s + 1]) {
                        at[s] = node;
                        alive[stillAlive++] = s;
                    }
                }
                aliveCount = stillAlive;
            }
        }

        private void accumulate(int node, int sample) {
            long[] target = fromBase[sample] ? baseValues : values;
            for (int c = 0; c < columns; c++) {
                target[node * columns + c] += sampleValues[sample * columns + c];
            }
        }

        private boolean belowCutoff(long[] candidateValues, long[] candidateBase, int c, long[] cutoff) {
            for (int col = 0; col < columns; col++) {
                // A sample type whose total is 0 cannot tell small from large.
                if (cutoff[col] > 0 && (Math.abs(candidateValues[c * columns + col]) >= cutoff[col]
                        || (withBase && Math.abs(candidateBase[c * columns + col]) >= cutoff[col]))) {
                    return false;
                }
            }
            return true;
        }

        private int newNode(int parent, int nameId) {
            if (size == parents.length) {
                int capacity = size * 2;
                parents = Arrays.copyOf(parents, capacity);
                nameIds = Arrays.copyOf(nameIds, capacity);
                values = Arrays.copyOf(values, capacity * columns);
                if (withBase) {
                    baseValues = Arrays.copyOf(baseValues, capacity * columns);
                }
            }
            parents[size] = parent;
            nameIds[size] = nameId;
            return size++;
        }

        private int nameId(String name) {
            Integer id = nameIndex.get(name);
            if (id == null) {
                id = names.size();
                nameIndex.put(name, id);
                names.add(name);
            }
            return id;
        }

        /** Numbers the nodes in pre-order, siblings by name, and transposes values to columns. */
        FrameTree finish(List<ValueType> sampleTypes, double minFraction) {
            long[] totals = new long[columns];
            long[] baseTotals = new long[columns];
            for (int s = 0; s < samples; s++) {
                long[] target = fromBase[s] ? baseTotals : totals;
                for (int c = 0; c < columns; c++) {
                    target[c] += sampleValues[s * columns + c];
                }
            }
            long[] cutoff = new long[columns];
            for (int c = 0; c < columns; c++) {
                long total = Math.max(Math.abs(totals[c]), withBase ? Math.abs(baseTotals[c]) : 0);
                cutoff[c] = (long) Math.ceil(total * minFraction);
            }
            grow(cutoff, minFraction > 0 && Arrays.stream(cutoff).anyMatch(c -> c > 0));
            sampleValues = null;
            pathIds = null;
            int[] firstChild = new int[size + 1];
            for (int node = 1; node < size; node++) {
                firstChild[parents[node] + 1]++;
            }
            for (int i = 1; i <= size; i++) {
                firstChild[i] += firstChild[i - 1];
            }
            int[] childList = new int[Math.max(0, size - 1)];
            int[] fill = Arrays.copyOf(firstChild, size);
            for (int node = 1; node < size; node++) {
                childList[fill[parents[node]]++] = node;
            }
            // Siblings sort by name: rank the names once, then sort packed (rank, node) longs,
            // which needs neither boxing nor string comparisons per node.
            Integer[] byName = new Integer[names.size()];
            for (int i = 0; i < byName.length; i++) {
                byName[i] = i;
            }
            Arrays.sort(byName, (a, b) -> names.get(a).compareTo(names.get(b)));
            int[] rank = new int[byName.length];
            for (int i = 0; i < byName.length; i++) {
                rank[byName[i]] = i;
            }
            long[] packed = new long[0];
            int[] order = new int[size];
            int[] depth = new int[size];
            int[] stack = new int[size];
            int[] stackDepth = new int[size];
            int top = 0;
            int next = 0;
            stack[top++] = 0;
            while (top > 0) {
                int node = stack[--top];
                int d = stackDepth[top];
                order[next] = node;
                depth[next++] = d;
                int from = firstChild[node];
                int to = firstChild[node + 1];
                if (to - from > 1) {
                    if (packed.length < to - from) {
                        packed = new long[Math.max(to - from, packed.length * 2)];
                    }
                    for (int i = from; i < to; i++) {
                        packed[i - from] = ((long) rank[nameIds[childList[i]]] << 32) | childList[i];
                    }
                    Arrays.sort(packed, 0, to - from);
                    for (int i = from; i < to; i++) {
                        childList[i] = (int) packed[i - from];
                    }
                }
                // Pushed in reverse so that the first child by name is visited first.
                for (int i = to - 1; i >= from; i--) {
                    stackDepth[top] = d + 1;
                    stack[top++] = childList[i];
                }
            }
            size = next;
            int[] orderedNames = new int[size];
            long[][] columnValues = new long[columns][size];
            long[][] columnBase = withBase ? new long[columns][size] : null;
            for (int i = 0; i < size; i++) {
                int node = order[i];
                orderedNames[i] = nameIds[node];
                for (int c = 0; c < columns; c++) {
                    columnValues[c][i] = values[node * columns + c];
                    if (withBase) {
                        columnBase[c][i] = baseValues[node * columns + c];
                    }
                }
            }
            return new FrameTree(sampleTypes, List.copyOf(names), orderedNames, Arrays.copyOf(depth, size),
                    columnValues, columnBase, pruned);
        }
    }
}
