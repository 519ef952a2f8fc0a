package dev.pprof4j.runtime.push;

import dev.pprof4j.profile.IncompatibleProfilesException;
import dev.pprof4j.profile.Merger;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Scaler;
import dev.pprof4j.profile.ValueType;

/**
 * One window of a cumulative profile: {@code now − before} on the counters that only grow
 * (allocations, contentions, delay), {@code now} as it is on the in-use columns, which are a
 * state and not a sum — godeltaprof's contract, and what Pyroscope needs, since its current
 * write path computes no deltas. Stacks that did nothing in the window drop out.
 */
final class WindowDelta {
    private WindowDelta() {
    }

    static Profile between(Profile before, Profile now) throws IncompatibleProfilesException {
        Profile negated = Merger.compact(before); // a copy: the scaling below must not touch the caller's
        double[] ratios = new double[negated.sampleTypes.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = isState(negated.sampleTypes.get(i)) ? 0 : -1;
        }
        Scaler.scale(negated, ratios);
        Profile window = Merger.merge(java.util.List.of(now, negated));
        // A table that forgot a stack (bounded tables evict) would show as negative: not a window's event.
        window.samples.removeIf(s -> java.util.Arrays.stream(s.values).anyMatch(v -> v < 0));
        window.timeNanos = before.timeNanos;
        window.durationNanos = Math.max(0, now.timeNanos - before.timeNanos);
        return window;
    }

    private static boolean isState(ValueType type) {
        return type.type().startsWith("inuse_");
    }
}
