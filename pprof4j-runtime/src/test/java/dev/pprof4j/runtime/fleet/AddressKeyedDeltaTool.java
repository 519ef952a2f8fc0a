package dev.pprof4j.runtime.fleet;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A TEST TOOL that turns cumulative scrapes into per-window deltas by the rules Grafana Alloy
 * documents for its delta step (fastdelta), written from those facts: a sample is identified
 * by the sequence of its locations' <em>addresses</em> plus its labels, samples with the same
 * identity are merged and the first one's stack is kept; only the exact (type, unit) pairs
 * {@code alloc_objects/count}, {@code alloc_space/bytes}, {@code contentions/count} and
 * {@code delay/nanoseconds} are delta'd, others pass through; more than 4 sample types fails
 * the profile; the first scrape gives nothing; samples that are zero after the delta are
 * dropped. {@link #functionKeyed} is the same window keyed by frames, as pprof4j sees stacks.
 */
final class AddressKeyedDeltaTool {
    static final Set<ValueType> DELTA_TYPES = Set.of(new ValueType("alloc_objects", "count"),
            new ValueType("alloc_space", "bytes"), new ValueType("contentions", "count"),
            new ValueType("delay", "nanoseconds"));

    /** A stack as text (function file:line per frame, leaf first) plus labels, and its values. */
    record Window(Map<String, long[]> byStack) {
    }

    private Map<List<Object>, long[]> previous;
    private Map<String, long[]> previousByFrames;

    /** The delta since the previous scrape by address identity, or null for the first scrape. */
    Window next(Profile profile) {
        if (profile.sampleTypes.size() > 4) {
            throw new AssertionError("more than 4 sample types: the delta step would drop the profile: "
                    + profile.sampleTypes);
        }
        boolean[] delta = new boolean[profile.sampleTypes.size()];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = DELTA_TYPES.contains(profile.sampleTypes.get(i));
        }
        Map<List<Object>, long[]> now = new HashMap<>();
        Map<List<Object>, Sample> firstStack = new LinkedHashMap<>();
        for (Sample sample : profile.samples) {
            List<Object> identity = identity(sample);
            now.merge(identity, sample.values.clone(), AddressKeyedDeltaTool::sum);
            firstStack.putIfAbsent(identity, sample);
        }
        Map<List<Object>, long[]> before = previous;
        previous = now;
        if (before == null) {
            return null;
        }
        Map<String, long[]> out = new TreeMap<>();
        firstStack.forEach((identity, sample) -> {
            long[] values = now.get(identity).clone();
            long[] old = before.get(identity);
            for (int i = 0; i < values.length; i++) {
                if (delta[i] && old != null) {
                    values[i] -= old[i];
                }
            }
            if (!allZero(values)) {
                out.merge(stackText(sample), values, AddressKeyedDeltaTool::sum);
            }
        });
        return new Window(out);
    }

    /** The same window keyed by each sample's frames (function, file, line) and labels. */
    Window functionKeyed(Profile profile) {
        Map<String, long[]> now = new TreeMap<>();
        for (Sample sample : profile.samples) {
            now.merge(stackText(sample), sample.values.clone(), AddressKeyedDeltaTool::sum);
        }
        Map<String, long[]> before = previousByFrames;
        previousByFrames = now;
        if (before == null) {
            return null;
        }
        Map<String, long[]> out = new TreeMap<>();
        now.forEach((stack, values) -> {
            long[] d = values.clone();
            long[] old = before.get(stack);
            for (int i = 0; i < d.length; i++) {
                if (DELTA_TYPES.contains(profile.sampleTypes.get(i)) && old != null) {
                    d[i] -= old[i];
                }
            }
            if (!allZero(d)) {
                out.put(stack, d);
            }
        });
        return new Window(out);
    }

    private static List<Object> identity(Sample sample) {
        List<Object> identity = new ArrayList<>(sample.locations.size() + 2);
        for (Location location : sample.locations) {
            identity.add(location.address);
        }
        identity.add(new TreeMap<>(sample.labels));
        identity.add(new TreeMap<>(sample.numLabels));
        return identity;
    }

    static String stackText(Sample sample) {
        StringBuilder b = new StringBuilder();
        for (Location location : sample.locations) {
            for (Line line : location.lines) {
                b.append(line.function().name).append(' ').append(line.function().filename).append(':')
                        .append(line.line()).append(" | ");
            }
        }
        return b.append(new TreeMap<>(sample.labels)).append(new TreeMap<>(sample.numLabels)).toString();
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    private static boolean allZero(long[] values) {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean sameWindows(Window a, Window b) {
        if (!a.byStack().keySet().equals(b.byStack().keySet())) {
            return false;
        }
        for (Map.Entry<String, long[]> e : a.byStack().entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), b.byStack().get(e.getKey()))) {
                return false;
            }
        }
        return Objects.equals(a.byStack().size(), b.byStack().size());
    }
}
