package dev.pprof4j.bench;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code -top} computes, the way the benchmark measures it: flat and cum per function
 * for one sample index, flat on the leaf frame, cum once per function per stack (recursion
 * counted once), then the top rows by flat. Arrays indexed by function, no boxing.
 */
public final class TopAggregation {
    private TopAggregation() {
    }

    /** One row of -top. */
    public record Row(String function, long flat, long cum) {
    }

    public static List<Row> top(Profile p, int sampleIndex, int rows) {
        Map<Function, Integer> index = new IdentityHashMap<>(p.functions.size() * 2);
        for (Function f : p.functions) {
            index.putIfAbsent(f, index.size());
        }
        int n = index.size();
        long[] flat = new long[n];
        long[] cum = new long[n];
        int[] seenIn = new int[n];
        Arrays.fill(seenIn, -1);
        // Per location, its functions' indexes, innermost first: looked up once, not per sample.
        Map<Location, int[]> frames = new IdentityHashMap<>(p.locations.size() * 2);
        for (Location l : p.locations) {
            frames.put(l, framesOf(l, index));
        }
        for (int si = 0; si < p.samples.size(); si++) {
            Sample s = p.samples.get(si);
            long v = s.values[sampleIndex];
            if (v == 0 || s.locations.isEmpty()) {
                continue;
            }
            boolean leaf = true;
            for (Location l : s.locations) {
                for (int f : frames.get(l)) {
                    if (leaf) {
                        flat[f] += v;
                        leaf = false;
                    }
                    if (seenIn[f] != si) {
                        seenIn[f] = si;
                        cum[f] += v;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> flat[a] != flat[b] ? Long.compare(Math.abs(flat[b]), Math.abs(flat[a]))
                : Long.compare(cum[b], cum[a]));
        Row[] out = new Row[Math.min(rows, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Row(p.functions.get(order[i]).name, flat[order[i]], cum[order[i]]);
        }
        return List.of(out);
    }

    private static int[] framesOf(Location l, Map<Function, Integer> index) {
        int[] out = new int[l.lines.size()];
        for (int i = 0; i < out.length; i++) {
            Line line = l.lines.get(i);
            out[i] = index.get(line.function());
        }
        return out;
    }
}
