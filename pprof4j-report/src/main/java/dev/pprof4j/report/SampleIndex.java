package dev.pprof4j.report;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Resolves {@code -sample_index=NAME|N} as pprof's {@code SampleIndexByName} does. */
public final class SampleIndex {
    private SampleIndex() {
    }

    /**
     * The index named by {@code sampleIndex}: empty means the profile's default (else the
     * last type), a number is taken as is, and "inuse_" may be left off ("space" profiles).
     *
     * @throws IllegalArgumentException naming the choices when nothing matches
     */
    public static int resolve(Profile p, String sampleIndex) {
        if (p.sampleTypes.isEmpty()) {
            throw new IllegalArgumentException("profile has no samples");
        }
        if (sampleIndex == null || sampleIndex.isEmpty()) {
            return p.defaultSampleIndex();
        }
        if (sampleIndex.matches("[+-]?\\d{1,9}")) {
            int i = Integer.parseInt(sampleIndex);
            if (i < 0 || i >= p.sampleTypes.size()) {
                throw new IllegalArgumentException("sample_index " + sampleIndex + " is outside the range [0.."
                        + (p.sampleTypes.size() - 1) + "]");
            }
            return i;
        }
        String noInuse = sampleIndex.startsWith("inuse_") ? sampleIndex.substring("inuse_".length()) : sampleIndex;
        for (int i = 0; i < p.sampleTypes.size(); i++) {
            String t = p.sampleTypes.get(i).type();
            if (t.equals(sampleIndex) || t.equals(noInuse)) {
                return i;
            }
        }
        List<String> names = new ArrayList<>();
        for (ValueType t : p.sampleTypes) {
            names.add(t.type());
        }
        throw new IllegalArgumentException("sample_index \"" + sampleIndex + "\" must be one of: [" + String.join(" ", names) + "]");
    }
}
