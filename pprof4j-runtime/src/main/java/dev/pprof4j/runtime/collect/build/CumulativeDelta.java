package dev.pprof4j.runtime.collect.build;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What godeltaprof serves: each call, a cumulative profile's counters minus what they were at
 * the previous call, the other values (in-use) as they are. A sample is identified as
 * address-keyed tools identify it, by its locations' addresses and its labels, so the profile
 * must have been laid out by {@link dev.pprof4j.profile.FrameAddresses} first.
 *
 * <p>The first call answers everything since pprof4j started (godeltaprof does the same). A
 * counter that went down (a site the heap sampler forgot and saw again) counts as restarted:
 * its delta is its new value. Samples whose values are all zero are left out. Holds one
 * {@code long[]} per sample of the last profile; not thread-safe (its owner serializes calls).
 */
public final class CumulativeDelta {
    private Map<SampleKey, long[]> previous = Map.of();
    private long previousTimeNanos;

    /** @param startEpochNanos when counting started (the first delta's duration runs from it) */
    public CumulativeDelta(long startEpochNanos) {
        this.previousTimeNanos = startEpochNanos;
    }

    /**
     * @param cumulative the profile now, addresses assigned; changed in place into the delta
     * @param counters for each sample type, whether it is a counter to delta (else absolute)
     * @return {@code cumulative}, its samples now per-window, {@code duration_nanos} the window
     */
    public Profile next(Profile cumulative, boolean[] counters, long nowEpochNanos) {
        Map<SampleKey, Sample> byKey = new LinkedHashMap<>(cumulative.samples.size() * 2);
        for (Sample sample : cumulative.samples) {
            Sample first = byKey.putIfAbsent(SampleKey.of(sample), sample);
            if (first != null) {
                // The same identity twice (two sites a tool cannot tell apart): summed, as the tool would.
                for (int i = 0; i < first.values.length; i++) {
                    first.values[i] += sample.values[i];
                }
            }
        }
        Map<SampleKey, long[]> now = new HashMap<>(byKey.size() * 2);
        List<Sample> out = new ArrayList<>(byKey.size());
        byKey.forEach((key, sample) -> {
            now.put(key, sample.values.clone());
            long[] before = previous.get(key);
            boolean nonZero = false;
            for (int i = 0; i < sample.values.length; i++) {
                if (counters[i] && before != null) {
                    long delta = sample.values[i] - before[i];
                    sample.values[i] = delta < 0 ? sample.values[i] : delta;
                }
                nonZero |= sample.values[i] != 0;
            }
            if (nonZero) {
                out.add(sample);
            }
        });
        cumulative.samples.clear();
        cumulative.samples.addAll(out);
        cumulative.timeNanos = nowEpochNanos;
        cumulative.durationNanos = Math.max(1, nowEpochNanos - previousTimeNanos);
        previous = now;
        previousTimeNanos = nowEpochNanos;
        return cumulative;
    }

    /**
     * A sample's identity for address-keyed tools, its address chain and labels, kept as two
     * independent 64-bit hashes (a collision is as likely as 1 in 2^128 per pair) so that a
     * baseline costs about 80 bytes a sample whatever the stack's depth.
     */
    private static final class SampleKey {
        private final long high;
        private final long low;

        private SampleKey(long high, long low) {
            this.high = high;
            this.low = low;
        }

        static SampleKey of(Sample sample) {
            long high = 0x243F6A8885A308D3L;
            long low = 0x13198A2E03707344L;
            for (Location location : sample.locations) {
                high = mix(high, location.address, 0x9E3779B97F4A7C15L);
                low = mix(low, location.address, 0xC2B2AE3D27D4EB4FL);
            }
            for (Map.Entry<String, List<String>> label : new TreeMap<>(sample.labels).entrySet()) {
                for (String value : label.getValue()) {
                    long h = label.getKey().hashCode() * 0x100000001B3L ^ value.hashCode();
                    high = mix(high, h ^ label.getKey().length(), 0x9E3779B97F4A7C15L);
                    low = mix(low, h ^ ((long) value.length() << 32), 0xC2B2AE3D27D4EB4FL);
                }
            }
            for (Map.Entry<String, List<Long>> label : new TreeMap<>(sample.numLabels).entrySet()) {
                for (long value : label.getValue()) {
                    high = mix(high, label.getKey().hashCode() * 31L + value, 0x9E3779B97F4A7C15L);
                    low = mix(low, value * 0x100000001B3L ^ label.getKey().hashCode(), 0xC2B2AE3D27D4EB4FL);
                }
            }
            return new SampleKey(high, low);
        }

        /** One step of a multiply-xorshift hash (splitmix64's finalizer over the running state). */
        private static long mix(long state, long value, long multiplier) {
            long z = (state ^ value) * multiplier;
            z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
            return z ^ (z >>> 29) ^ state >>> 7;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SampleKey k && high == k.high && low == k.low;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(high);
        }
    }
}
