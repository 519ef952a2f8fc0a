package dev.pprof4j.report.top;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unit of each numeric label key (pprof's {@code Profile.NumLabelUnits}): the first unit
 * a sample gives it, else inferred from the key ("bytes" for alignment and request, the key
 * itself otherwise, so Go's {@code bytes} label prints as bytes).
 */
public final class NumLabelUnits {
    private NumLabelUnits() {
    }

    public static Map<String, String> of(Profile p) {
        Map<String, String> units = new HashMap<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Sample s : p.samples) {
            for (Map.Entry<String, List<Long>> e : s.numLabels.entrySet()) {
                String key = e.getKey();
                List<String> us = s.numUnits.getOrDefault(key, List.of());
                for (String u : us) {
                    if (u != null && !u.isEmpty()) {
                        units.putIfAbsent(key, u);
                    }
                }
                keys.add(key);
            }
        }
        for (String key : keys) {
            units.putIfAbsent(key, key.equals("alignment") || key.equals("request") ? "bytes" : key);
        }
        return units;
    }
}
