package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads the stack samples of a JFR recording into a Go-style CPU (or wall-clock) profile:
 * sample types {@code samples/count} and {@code cpu/nanoseconds}, each sample worth one
 * sampling interval, as Go's SIGPROF profile counts them. Samples are aggregated by stack
 * and thread while reading; no event is kept.
 *
 * <p>Reads async-profiler's recordings ({@code jdk.ExecutionSample},
 * {@code profiler.WallClockSample}, whose {@code samples} field may batch several ticks) as
 * well as the JDK's own.
 */
final class JfrStackSamples {
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String WALL_CLOCK_SAMPLE = "profiler.WallClockSample";
    static final String THREAD_LABEL = "thread";

    private final Profile profile = new Profile();
    private final StackTable stacks = new StackTable(profile);
    private final Map<StackKey, long[]> counts = new HashMap<>();
    private final long intervalNanos;

    /** A stack and the thread it ran on; Location has identity equality, which is what we want. */
    private record StackKey(Location[] frames, String thread) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StackKey k && thread.equals(k.thread) && Arrays.equals(frames, k.frames);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(frames) + thread.hashCode();
        }
    }

    private JfrStackSamples(CpuMode mode, long intervalNanos) {
        this.intervalNanos = intervalNanos;
        ValueType value = mode.valueType();
        profile.sampleTypes.add(new ValueType("samples", "count"));
        profile.sampleTypes.add(value);
        profile.periodType = value;
        profile.period = intervalNanos;
    }

    /**
     * The profile of the samples of {@code eventTypes} in {@code recording}.
     *
     * @param intervalNanos the sampling interval; each sample is worth that much time
     */
    static Profile read(Path recording, CpuMode mode, long intervalNanos, List<String> eventTypes) throws IOException {
        return read(recording, mode, intervalNanos, eventTypes, new HashMap<>());
    }

    /**
     * Same, and fills {@code settings} with the recording's {@code jdk.ActiveSetting} values by
     * name: async-profiler records there which engine really ran ({@code engine=perf_events}).
     */
    static Profile read(Path recording, CpuMode mode, long intervalNanos, List<String> eventTypes,
            Map<String, String> settings) throws IOException {
        JfrStackSamples samples = new JfrStackSamples(mode, intervalNanos);
        try (EventStream events = EventStream.openFile(recording)) {
            for (String type : eventTypes) {
                events.onEvent(type, samples::add);
            }
            events.onEvent("jdk.ActiveSetting", e -> {
                if (e.hasField("name") && e.hasField("value")) {
                    settings.put(e.getString("name"), e.getString("value"));
                }
            });
            events.start();
        }
        return samples.finish();
    }

    private void add(RecordedEvent event) {
        RecordedStackTrace trace = event.getStackTrace();
        if (trace == null) {
            return;
        }
        long weight = event.hasField("samples") ? Math.max(event.getLong("samples"), 1) : 1;
        RecordedThread thread = event.getThread("sampledThread");
        String threadName = thread == null ? "" : nameOf(thread);
        StackKey key = new StackKey(stacks.locationsOf(trace.getFrames()), threadName);
        counts.computeIfAbsent(key, k -> new long[1])[0] += weight;
    }

    private static String nameOf(RecordedThread thread) {
        String name = thread.getJavaName();
        if (name == null) {
            name = thread.getOSName();
        }
        return name == null ? "" : name;
    }

    private Profile finish() {
        for (Map.Entry<StackKey, long[]> e : counts.entrySet()) {
            long n = e.getValue()[0];
            Sample sample = new Sample(new ArrayList<>(Arrays.asList(e.getKey().frames())), n, n * intervalNanos);
            if (!e.getKey().thread().isEmpty()) {
                sample.addLabel(THREAD_LABEL, e.getKey().thread());
            }
            profile.samples.add(sample);
        }
        return profile;
    }
}
