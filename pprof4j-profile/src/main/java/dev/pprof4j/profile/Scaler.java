package dev.pprof4j.profile;

/**
 * Multiplies sample values, as google/pprof's {@code Scale}/{@code ScaleN}: each scaled
 * value is rounded half away from zero, and a sample none of whose scaled values is
 * nonzero is removed. The profile is changed in place.
 */
public final class Scaler {
    private Scaler() {
    }

    /** Multiplies every value of every sample by {@code ratio}. */
    public static void scale(Profile p, double ratio) {
        double[] ratios = new double[p.sampleTypes.size()];
        java.util.Arrays.fill(ratios, ratio);
        scale(p, ratios);
    }

    /** Multiplies value {@code i} of every sample by {@code ratios[i]}. */
    public static void scale(Profile p, double[] ratios) {
        if (ratios.length != p.sampleTypes.size()) {
            throw new IllegalArgumentException("mismatched scale ratios, got " + ratios.length + ", want "
                    + p.sampleTypes.size());
        }
        boolean allOnes = true;
        for (double r : ratios) {
            allOnes &= r == 1;
        }
        if (allOnes) {
            return;
        }
        // pprof keeps a sample when one of its *scaled* values is nonzero; unscaled ones do not count.
        p.samples.removeIf(s -> {
            boolean keep = false;
            for (int i = 0; i < s.values.length; i++) {
                if (ratios[i] != 1) {
                    s.values[i] = round(s.values[i] * ratios[i]);
                    keep |= s.values[i] != 0;
                }
            }
            return !keep;
        });
    }

    /** Go's math.Round then int64(): half away from zero, saturating. */
    static long round(double v) {
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }
}
