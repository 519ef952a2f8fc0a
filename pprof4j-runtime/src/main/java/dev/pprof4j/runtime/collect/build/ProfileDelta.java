package dev.pprof4j.runtime.collect.build;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code after − before}, stack by stack: what Go's {@code ?seconds=N} serves (it scales the
 * first profile by −1 and merges). Stacks compare by their frames' names, files and lines,
 * so the two profiles need not share objects. Stacks whose difference is zero are dropped.
 */
public final class ProfileDelta {
    private ProfileDelta() {
    }

    public static Profile between(Profile before, Profile after) {
        Map<List<FrameKey>, long[]> values = new LinkedHashMap<>();
        Map<List<FrameKey>, Sample> examples = new LinkedHashMap<>();
        int width = after.sampleTypes.size();
        for (Sample sample : after.samples) {
            List<FrameKey> key = key(sample);
            values.merge(key, sample.values.clone(), ProfileDelta::add);
            examples.putIfAbsent(key, sample);
        }
        for (Sample sample : before.samples) {
            List<FrameKey> key = key(sample);
            long[] negated = new long[width];
            for (int i = 0; i < width && i < sample.values.length; i++) {
                negated[i] = -sample.values[i];
            }
            values.merge(key, negated, ProfileDelta::add);
            examples.putIfAbsent(key, sample);
        }
        ProfileBuilder builder = new ProfileBuilder(after.periodType, after.period,
                after.sampleTypes.toArray(ValueType[]::new))
                .timeNanos(after.timeNanos)
                .durationNanos(after.timeNanos - before.timeNanos)
                .defaultSampleType(after.defaultSampleType);
        after.comments.forEach(builder::comment);
        values.forEach((key, delta) -> {
            for (long value : delta) {
                if (value != 0) {
                    builder.add(relocate(builder, examples.get(key)), delta);
                    return;
                }
            }
        });
        return builder.build();
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length && i < b.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    private static List<Location> relocate(ProfileBuilder builder, Sample sample) {
        List<Location> stack = new ArrayList<>(sample.locations.size());
        for (Location location : sample.locations) {
            Line line = location.lines.get(0);
            stack.add(builder.locationOf(line.function(), line.line()));
        }
        return stack;
    }

    private static List<FrameKey> key(Sample sample) {
        List<FrameKey> key = new ArrayList<>(sample.locations.size());
        for (Location location : sample.locations) {
            for (Line line : location.lines) {
                key.add(new FrameKey(line.function().name, line.function().filename, line.line()));
            }
        }
        return key;
    }

    private record FrameKey(String function, String file, long line) {
    }
}
