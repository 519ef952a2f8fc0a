package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One stack and its values, one value per {@link Profile#sampleTypes} entry. */
public final class Sample {
    /** Leaf first, as in profile.proto. Operations that cut stacks replace the list. */
    public List<Location> locations;
    public long[] values;
    /** String labels (key to values); most samples have none, so it starts empty. */
    public Map<String, List<String>> labels = Map.of();
    /** Numeric labels (key to values). */
    public Map<String, List<Long>> numLabels = Map.of();
    /** Units of numeric labels, parallel to {@link #numLabels}'s lists. */
    public Map<String, List<String>> numUnits = Map.of();

    /** Takes ownership of {@code locations} and {@code values}; callers pass fresh ones. */
    public Sample(List<Location> locations, long... values) {
        this.locations = locations;
        this.values = values;
    }

    public void addLabel(String key, String value) {
        if (labels.isEmpty()) {
            labels = new LinkedHashMap<>();
        }
        labels.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
    }

    public void addNumLabel(String key, long value, String unit) {
        if (numLabels.isEmpty()) {
            numLabels = new LinkedHashMap<>();
            numUnits = new LinkedHashMap<>();
        }
        numLabels.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        numUnits.computeIfAbsent(key, k -> new ArrayList<>(1)).add(unit == null ? "" : unit);
    }
}
