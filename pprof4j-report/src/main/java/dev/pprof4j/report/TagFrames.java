package dev.pprof4j.report;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -tagroot} and {@code -tagleaf}: each sample's label values become pseudo-frames at
 * the root or the leaf of its stack, so that a graph or a flame graph splits by tenant,
 * thread state or allocation size before (or after) it splits by code. As go tool pprof's
 * {@code addLabelNodes}: one frame per key, named by the sample's values of that key joined
 * with commas (numbers in the report's unit, empty when the sample lacks the key), with the
 * key as its file name; the first key is nearest the root, the last nearest the leaf.
 * Applied before the filters, so that {@code -focus} can match the new frames.
 */
final class TagFrames {
    private final Profile profile;
    private final String outputUnit;
    /** One location per (frame name, key), shared by all samples that have it. */
    private final Map<List<String>, Location> interned = new HashMap<>();
    private long nextLocationId;
    private long nextFunctionId;

    private TagFrames(Profile profile, String outputUnit) {
        this.profile = profile;
        this.outputUnit = outputUnit;
        for (Location l : profile.locations) {
            nextLocationId = Math.max(nextLocationId, l.id);
        }
        for (Function f : profile.functions) {
            nextFunctionId = Math.max(nextFunctionId, f.id);
        }
        nextLocationId++;
        nextFunctionId++;
    }

    /** Adds the frames {@code config} asks for; returns the warnings of keys that no sample has. */
    static List<String> add(Profile profile, ReportConfig config) {
        List<String> rootKeys = keys(config.tagRoot);
        List<String> leafKeys = keys(config.tagLeaf);
        if (rootKeys.isEmpty() && leafKeys.isEmpty()) {
            return List.of();
        }
        TagFrames frames = new TagFrames(profile, config.unit);
        boolean rootMatched = false;
        boolean leafMatched = false;
        for (Sample s : profile.samples) {
            List<Location> roots = new ArrayList<>(rootKeys.size());
            rootMatched |= frames.framesOf(s, rootKeys, roots);
            List<Location> stack = new ArrayList<>(leafKeys.size() + s.locations.size() + rootKeys.size());
            leafMatched |= frames.framesOf(s, leafKeys, stack);
            stack.addAll(s.locations);
            stack.addAll(roots);
            s.locations = stack;
        }
        List<String> warnings = new ArrayList<>();
        if (!rootKeys.isEmpty() && !rootMatched) {
            warnings.add("TagRoot expression matched no samples");
        }
        if (!leafKeys.isEmpty() && !leafMatched) {
            warnings.add("TagLeaf expression matched no samples");
        }
        return warnings;
    }

    private static List<String> keys(String option) {
        List<String> keys = new ArrayList<>();
        if (option != null) {
            for (String k : option.split(",")) {
                if (!k.isEmpty()) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** Appends to {@code into}, leaf first, a frame per key (the last key first); true when the sample has one of the keys. */
    private boolean framesOf(Sample s, List<String> keys, List<Location> into) {
        boolean matched = false;
        for (int i = keys.size() - 1; i >= 0; i--) {
            String key = keys.get(i);
            List<String> values = values(s, key);
            matched |= !values.isEmpty();
            into.add(location(String.join(",", values), key));
        }
        return matched;
    }

    /**
     * The sample's values of {@code key}: strings, then numbers scaled to the report's unit;
     * numbers whose key carries no unit at all are printed as they are.
     */
    private List<String> values(Sample s, String key) {
        List<String> values = new ArrayList<>(s.labels.getOrDefault(key, List.of()));
        List<Long> numbers = s.numLabels.getOrDefault(key, List.of());
        List<String> units = s.numUnits.getOrDefault(key, List.of());
        boolean unitless = units.stream().allMatch(String::isEmpty);
        for (int i = 0; i < numbers.size(); i++) {
            values.add(unitless ? Measurement.scaledLabel(numbers.get(i), "", "")
                    : Measurement.scaledLabel(numbers.get(i), i < units.size() ? units.get(i) : "", outputUnit));
        }
        return values;
    }

    private Location location(String name, String key) {
        return interned.computeIfAbsent(List.of(name, key), k -> {
            Function f = new Function(name, key);
            f.systemName = ""; // as go tool pprof makes them: -raw shows "name key:0 s=0()"
            f.id = nextFunctionId++;
            profile.functions.add(f);
            Location l = new Location(new Line(f, 0));
            l.id = nextLocationId++;
            profile.locations.add(l);
            return l;
        });
    }
}
