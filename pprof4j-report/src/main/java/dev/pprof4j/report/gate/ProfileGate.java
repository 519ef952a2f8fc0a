package dev.pprof4j.report.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;

/**
 * Compares two pprof profiles of the same workload on one sample type: the total, and
 * each function's flat value (what the function itself costs, as {@code -top} shows it).
 *
 * <p>A function regresses when its flat value grew by more than the threshold times the
 * baseline's <em>total</em>, not times its own baseline: a function with 3 samples going
 * to 6 is noise, not a 100% regression, while one that adds 5% of the whole program's
 * cost is worth failing for even when the total hides it behind a gain elsewhere.
 * Values are compared as they are: profile the same fixed workload (a test, a benchmark
 * run) for both, as {@code go tool pprof -diff_base} users do.
 */
public final class ProfileGate {
    private ProfileGate() {
    }

    public static GateResult compare(Profile baseline, Profile current, String sampleIndex, double maxIncrease)
            throws GateInputException {
        int baseIndex = resolve(baseline, sampleIndex, "baseline");
        ValueType type = baseline.sampleTypes.get(baseIndex);
        int currentIndex = current.sampleIndexOf(type.type());
        if (currentIndex < 0) {
            throw new GateInputException("the current profile has no sample type " + type.type()
                    + " (it has " + types(current) + "); compare profiles of the same kind");
        }
        Map<String, Long> baseFlat = new HashMap<>();
        Map<String, Long> currentFlat = new HashMap<>();
        long baseTotal = flat(baseline, baseIndex, baseFlat);
        long currentTotal = flat(current, currentIndex, currentFlat);

        List<Comparison> compared = new ArrayList<>();
        String unit = type.unit();
        compared.add(new Comparison("total", unit, baseTotal, currentTotal, true,
                currentTotal > baseTotal * (1 + maxIncrease)));
        double allowed = maxIncrease * baseTotal;
        Set<String> functions = new HashSet<>(currentFlat.keySet());
        List<Comparison> grown = new ArrayList<>();
        for (String function : functions) {
            long before = baseFlat.getOrDefault(function, 0L);
            long after = currentFlat.get(function);
            if (after > before) {
                grown.add(new Comparison(function, unit, before, after, true, after - before > allowed, baseTotal));
            }
        }
        grown.sort(Comparator.comparingDouble((Comparison c) -> c.current() - c.baseline()).reversed()
                .thenComparing(Comparison::name));
        compared.addAll(grown);
        String what = String.format("profiles, sample type %s, failing when the total or one function's flat value"
                + " grows by more than %s of the baseline total", type, GateReport.percent(maxIncrease));
        return new GateResult(what, compared, List.of());
    }

    /** The sample type to compare: by name ({@code alloc_space}), by number, or the profile's default. */
    static int resolve(Profile profile, String sampleIndex, String which) throws GateInputException {
        if (profile.sampleTypes.isEmpty()) {
            throw new GateInputException("the " + which + " profile has no sample types");
        }
        if (sampleIndex == null || sampleIndex.isEmpty()) {
            return profile.defaultSampleIndex();
        }
        int byName = profile.sampleIndexOf(sampleIndex);
        if (byName >= 0) {
            return byName;
        }
        if (sampleIndex.matches("\\d+") && Integer.parseInt(sampleIndex) < profile.sampleTypes.size()) {
            return Integer.parseInt(sampleIndex);
        }
        throw new GateInputException("--sample-index " + sampleIndex + ": the " + which + " profile has "
                + types(profile));
    }

    /** Sums each leaf function's values into {@code byFunction}; returns the total. */
    private static long flat(Profile profile, int index, Map<String, Long> byFunction) {
        long total = 0;
        for (Sample sample : profile.samples) {
            long value = sample.values[index];
            total += value;
            String leaf = leafFunction(sample);
            byFunction.merge(leaf, value, Long::sum);
        }
        return total;
    }

    private static String leafFunction(Sample sample) {
        if (sample.locations.isEmpty()) {
            return "<no frames>";
        }
        Location leaf = sample.locations.get(0);
        if (leaf.lines.isEmpty()) {
            return String.format("0x%x", leaf.address);
        }
        return leaf.lines.get(0).function().name; // innermost of the inlined frames
    }

    private static String types(Profile profile) {
        List<String> names = new ArrayList<>();
        profile.sampleTypes.forEach(t -> names.add(t.type()));
        return String.join(", ", names);
    }
}
