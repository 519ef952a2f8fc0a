package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * go tool pprof's {@code -base} and {@code -diff_base}: a profile minus a base profile,
 * made by merging the profile with the base's values negated.
 *
 * <p>With {@code -base} equal stacks cancel and vanish, which suits snapshots of the same
 * process (heap now minus heap before). With {@code -diff_base} every base sample is
 * labelled {@code pprof::base=true} first, so base and profile samples stay apart and a
 * report can show both sides (for profiles of different runs).
 *
 * <p>Both consume {@code base}: its values are negated (and labelled) in place.
 */
public final class Difference {
    /** The label google/pprof puts on the samples of a {@code -diff_base} base. */
    public static final String BASE_LABEL = "pprof::base";

    private Difference() {
    }

    /** {@code -base}: {@code profile} minus {@code base}. */
    public static Profile subtract(Profile profile, Profile base) throws IncompatibleProfilesException {
        return combine(profile, base, false, false);
    }

    /** {@code -diff_base}: {@code profile} and the negated {@code base}, whose samples carry {@link #BASE_LABEL}. */
    public static Profile diffBase(Profile profile, Profile base) throws IncompatibleProfilesException {
        return combine(profile, base, true, false);
    }

    /**
     * The general form, as pprof's driver: label the base when {@code diffBase}; when
     * {@code normalize}, first scale {@code profile} so each sample type's total equals the base's.
     */
    public static Profile combine(Profile profile, Profile base, boolean diffBase, boolean normalize)
            throws IncompatibleProfilesException {
        Merger.checkCompatible(profile, base);
        if (diffBase) {
            for (Sample s : base.samples) {
                if (s.labels.isEmpty()) {
                    s.labels = new java.util.LinkedHashMap<>();
                }
                s.labels.put(BASE_LABEL, new ArrayList<>(List.of("true")));
            }
        }
        if (normalize) {
            normalize(profile, base);
        }
        Scaler.scale(base, -1);
        return Merger.merge(List.of(profile, base));
    }

    /** True when {@code s} came from a {@code -diff_base} base. */
    public static boolean isBaseSample(Sample s) {
        return s.labels.getOrDefault(BASE_LABEL, List.of()).contains("true");
    }

    /** pprof's Normalize: scales {@code p} so that its total of each sample type equals {@code base}'s. */
    public static void normalize(Profile p, Profile base) throws IncompatibleProfilesException {
        Merger.checkCompatible(p, base);
        int n = p.sampleTypes.size();
        double[] baseTotals = totals(base, n);
        double[] totals = totals(p, n);
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = totals[i] == 0 ? 0 : baseTotals[i] / totals[i];
        }
        Scaler.scale(p, ratios);
    }

    private static double[] totals(Profile p, int n) {
        long[] sums = new long[n];
        for (Sample s : p.samples) {
            for (int i = 0; i < n; i++) {
                sums[i] += s.values[i];
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sums[i];
        }
        return out;
    }
}
