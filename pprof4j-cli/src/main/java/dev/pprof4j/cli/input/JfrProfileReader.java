package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Converts a JFR recording into one pprof profile while reading it: each event is added to
 * the sample of its stack as it streams by, so memory follows the number of distinct stacks,
 * not of events. The event types become sample types of the one profile, so
 * {@code -sample_index} (and the web UI's switch) moves between them:
 * <table>
 * <tr><th>event</th><th>sample types</th></tr>
 * <tr><td>jdk.ExecutionSample</td><td>samples/count, cpu/nanoseconds (samples × period)</td></tr>
 * <tr><td>jdk.ObjectAllocationSample</td><td>alloc_samples/count, alloc_space/bytes (weights)</td></tr>
 * <tr><td>jdk.JavaMonitorEnter</td><td>monitor_enters/count, monitor_delay/nanoseconds</td></tr>
 * <tr><td>jdk.ThreadPark</td><td>parks/count, park_delay/nanoseconds</td></tr>
 * </table>
 * Types without a single event are left out. Allocation weights are JFR's: the totals are
 * right but the sites are not (see DESIGN.md), and the profile's comment says so.
 */
public final class JfrProfileReader {
    /** What each event kind contributes: its event name and two sample types. */
    private enum Kind {
        CPU("jdk.ExecutionSample", new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds")),
        ALLOC("jdk.ObjectAllocationSample", new ValueType("alloc_samples", "count"),
                new ValueType("alloc_space", "bytes")),
        MONITOR("jdk.JavaMonitorEnter", new ValueType("monitor_enters", "count"),
                new ValueType("monitor_delay", "nanoseconds")),
        PARK("jdk.ThreadPark", new ValueType("parks", "count"), new ValueType("park_delay", "nanoseconds"));

        final String event;
        final ValueType count;
        final ValueType amount;

        Kind(String event, ValueType count, ValueType amount) {
            this.event = event;
            this.count = count;
            this.amount = amount;
        }
    }

    /** JFR's default ExecutionSample period when the recording names none (the "default" settings). */
    private static final long DEFAULT_CPU_PERIOD_NANOS = 20_000_000;

    private final Profile profile = new Profile();
    private final StackInterner interner = new StackInterner(profile, "jvm");
    /** Stack traces are constant-pool objects, shared by the events of a chunk that use them. */
    private final Map<RecordedStackTrace, Sample> byTrace = new IdentityHashMap<>();
    private final long[] events = new long[Kind.values().length];
    /** "period" settings by event type id; settings come before the events they govern. */
    private final Map<Long, Long> periods = new HashMap<>();
    private long executionSampleTypeId = Long.MIN_VALUE;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    private JfrProfileReader() {
        for (Kind kind : Kind.values()) {
            profile.sampleTypes.add(kind.count);
            profile.sampleTypes.add(kind.amount);
        }
    }

    /** Whether {@code file} starts with JFR's magic bytes ("FLR\0"). */
    public static boolean isJfr(byte[] head) {
        return head.length >= 4 && head[0] == 'F' && head[1] == 'L' && head[2] == 'R' && head[3] == 0;
    }

    public static Profile read(Path file) throws IOException {
        JfrProfileReader reader = new JfrProfileReader();
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setReuse(true);
            stream.setOrdered(false);
            stream.onEvent("jdk.ActiveSetting", reader::setting);
            for (Kind kind : Kind.values()) {
                stream.onEvent(kind.event, event -> reader.add(kind, event));
            }
            stream.start();
        } catch (IOException | RuntimeException e) {
            throw new ProfileFormatException("reading JFR recording: " + e.getMessage()
                    + "; is it a complete .jfr file (jcmd JFR.dump or -XX:StartFlightRecording)?", e);
        }
        return reader.finish();
    }

    private void setting(RecordedEvent event) {
        if ("period".equals(event.getString("name"))) {
            long period = parsePeriod(event.getString("value"), -1);
            if (period > 0) {
                periods.put(event.getLong("id"), period);
            }
        }
    }

    private void add(Kind kind, RecordedEvent event) {
        RecordedStackTrace trace = event.getStackTrace();
        if (trace == null) {
            return;
        }
        if (kind == Kind.CPU && executionSampleTypeId == Long.MIN_VALUE) {
            executionSampleTypeId = event.getEventType().getId();
        }
        long start = event.getStartTime().getEpochSecond() * 1_000_000_000L + event.getStartTime().getNano();
        firstNanos = Math.min(firstNanos, start);
        lastNanos = Math.max(lastNanos, start);
        Sample sample = byTrace.get(trace);
        if (sample == null) {
            if (byTrace.size() > 200_000) {
                byTrace.clear(); // a cache only: the interner still merges equal stacks
            }
            sample = interner.sample(locations(trace));
            byTrace.put(trace, sample);
        }
        int column = kind.ordinal() * 2;
        sample.values[column]++;
        events[kind.ordinal()]++;
        switch (kind) {
            case CPU -> { } // multiplied by the period at the end, which a chunk may state late
            case ALLOC -> sample.values[column + 1] += event.getLong("weight");
            case MONITOR, PARK -> sample.values[column + 1] += event.getDuration().toNanos();
        }
    }

    private List<Location> locations(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames();
        List<Location> leafFirst = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) {
            RecordedMethod method = frame.getMethod();
            String type = method.getType().getName();
            String name = type + "." + method.getName();
            Function function = interner.function(name, sourceFile(type));
            leafFirst.add(interner.location(function, Math.max(0, frame.getLineNumber())));
        }
        return leafFirst;
    }

    /** JFR has no source file names; javac's convention gives the likely path. */
    static String sourceFile(String className) {
        int nested = className.indexOf('$');
        String outer = nested > 0 ? className.substring(0, nested) : className;
        return outer.replace('.', '/') + ".java";
    }

    /** "20 ms", "10 ms", "1 s", "100 us": JFR's period setting. */
    static long parsePeriod(String value, long fallback) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            return fallback;
        }
        try {
            long n = Long.parseLong(parts[0]);
            return switch (parts[1]) {
                case "ns" -> n;
                case "us" -> n * 1_000;
                case "ms" -> n * 1_000_000;
                case "s" -> n * 1_000_000_000;
                default -> fallback;
            };
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private Profile finish() {
        long cpuPeriodNanos = periods.getOrDefault(executionSampleTypeId, DEFAULT_CPU_PERIOD_NANOS);
        int cpu = Kind.CPU.ordinal() * 2;
        for (Sample sample : profile.samples) {
            sample.values[cpu + 1] = sample.values[cpu] * cpuPeriodNanos;
        }
        // Keep only the kinds the recording has.
        List<Integer> keep = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (events[kind.ordinal()] > 0) {
                keep.add(kind.ordinal() * 2);
                keep.add(kind.ordinal() * 2 + 1);
                found.add(kind.event + " " + events[kind.ordinal()]);
            }
        }
        List<ValueType> types = new ArrayList<>();
        for (int column : keep) {
            types.add(profile.sampleTypes.get(column));
        }
        profile.sampleTypes.clear();
        profile.sampleTypes.addAll(types);
        for (Sample sample : profile.samples) {
            long[] values = new long[keep.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = sample.values[keep.get(i)];
            }
            sample.values = values;
        }
        if (events[Kind.CPU.ordinal()] > 0) {
            profile.periodType = Kind.CPU.amount;
            profile.period = cpuPeriodNanos;
            profile.defaultSampleType = "cpu";
        } else if (!types.isEmpty()) {
            profile.defaultSampleType = types.get(1).type();
        }
        if (firstNanos <= lastNanos) {
            profile.timeNanos = firstNanos;
            profile.durationNanos = lastNanos - firstNanos;
        }
        profile.comments.add("converted from JFR by pprof4j: " + (found.isEmpty() ? "no supported events" : String.join(", ", found)));
        if (events[Kind.CPU.ordinal()] > 0) {
            profile.comments.add("cpu: jdk.ExecutionSample every " + Duration.ofNanos(cpuPeriodNanos).toMillis()
                    + " ms; before JDK 25 it misses time in intrinsics and stubs");
        }
        if (events[Kind.ALLOC.ordinal()] > 0) {
            profile.comments.add("alloc_space: jdk.ObjectAllocationSample weights; totals are right, sites are not "
                    + "(a weight is all the thread allocated since its last sample)");
        }
        return profile;
    }
}
