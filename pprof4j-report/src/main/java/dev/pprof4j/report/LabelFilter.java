package dev.pprof4j.report;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** go tool pprof's {@code -tagshow}/{@code -taghide}: drops label keys from samples (google/pprof's {@code FilterTagsByName}). */
final class LabelFilter {
    private LabelFilter() {
    }

    /** Returns whether show, and hide, matched any key. */
    static boolean[] filterKeys(Profile p, Pattern show, Pattern hide) {
        boolean[] matched = new boolean[2];
        for (Sample s : p.samples) {
            s.labels = kept(s.labels, show, hide, matched);
            s.numLabels = kept(s.numLabels, show, hide, matched);
            if (!s.numUnits.isEmpty()) {
                Map<String, List<String>> units = new LinkedHashMap<>(s.numUnits);
                units.keySet().retainAll(s.numLabels.keySet());
                s.numUnits = units;
            }
        }
        return matched;
    }

    private static <V> Map<String, V> kept(Map<String, V> labels, Pattern show, Pattern hide, boolean[] matched) {
        if (labels.isEmpty()) {
            return labels;
        }
        Map<String, V> kept = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : labels.entrySet()) {
            boolean matchShow = show == null || show.matcher(e.getKey()).find();
            boolean matchHide = hide != null && hide.matcher(e.getKey()).find();
            matched[0] |= matchShow;
            matched[1] |= matchHide;
            if (matchShow && !matchHide) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return kept;
    }
}
