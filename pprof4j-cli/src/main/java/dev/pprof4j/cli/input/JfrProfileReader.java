package dev.pprof4j.cli.input;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.StackInterner;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.profile.jfr.JfrChunk;
import dev.pprof4j.profile.jfr.JfrChunkFile;
import dev.pprof4j.profile.jfr.JfrConstantPools;
import dev.pprof4j.profile.jfr.JfrFormatException;
import dev.pprof4j.profile.jfr.JfrInput;
import dev.pprof4j.profile.jfr.JfrMetadata;
import dev.pprof4j.profile.jfr.JfrRecording;
import dev.pprof4j.protocol.JavaFrames;
import dev.pprof4j.protocol.StableNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 * right but the sites are not (docs/DECISIONS.md), and the profile's comment says so.
 */
public final class JfrProfileReader {
    /** JFR's default ExecutionSample period when the recording names none (the "default" settings). */
    private static final long DEFAULT_CPU_PERIOD_NANOS = 20_000_000;

    private final Set<JfrEventKind> selected;
    private final Profile profile = new Profile();
    private final StackInterner interner = new StackInterner(profile, "jvm");
    private final long[] events = new long[JfrEventKind.values().length];
    /** "period" settings by event type id; settings come before the events they govern. */
    private final Map<Long, Long> periods = new HashMap<>();
    private long executionSampleTypeId = Long.MIN_VALUE;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    // Per chunk: constant keys mean something only inside their chunk.
    private JfrChunk chunk;
    private final Map<Long, Sample> byStack = new HashMap<>();
    private final Map<Long, Function> byMethod = new HashMap<>();

    private JfrProfileReader(Set<JfrEventKind> selected) {
        this.selected = selected;
        for (JfrEventKind kind : JfrEventKind.values()) {
            profile.sampleTypes.add(kind.count);
            profile.sampleTypes.add(kind.amount);
        }
    }

    /** Whether {@code file} starts with JFR's magic bytes ("FLR\0"). */
    public static boolean isJfr(byte[] head) {
        return JfrChunk.isJfr(head);
    }

    /** Reads all four kinds of events; see {@link #read(Path, Set)}. */
    public static Profile read(Path file) throws IOException {
        return read(file, JfrEventKind.all());
    }

    /**
     * Reads the recording chunk by chunk with pprof4j's own parser ({@link JfrChunk}, the
     * agent's too), a window of events at a time, with no bound on pool entries but the file's
     * size: the JDK's jdk.jfr.consumer takes longer to start than a whole conversion of a
     * typical recording.
     * Only events of the {@code selected} kinds are read; the others are skipped by their
     * size, and their stacks are never resolved, so the profile is the matching part of the
     * whole conversion at a part of its cost.
     */
    public static Profile read(Path file, Set<JfrEventKind> selected) throws IOException {
        return read(file, selected, JfrChunkFile.WINDOW_BYTES);
    }

    /** As {@link #read(Path, Set)}, reading events {@code windowBytes} at a time. */
    static Profile read(Path file, Set<JfrEventKind> selected, int windowBytes) throws IOException {
        Set<JfrEventKind> kinds = new TreeSet<>(selected);
        JfrProfileReader reader = new JfrProfileReader(kinds);
        try {
            JfrRecording.read(file, JfrRecording.Access.WINDOWED, windowBytes, Integer.MAX_VALUE, reader.new Chunks());
        } catch (IOException e) {
            throw new ProfileFormatException("reading JFR recording: " + e.getMessage()
                    + "; is it a complete .jfr file (jcmd JFR.dump or -XX:StartFlightRecording)?", e);
        }
        return reader.finish();
    }

    /** The reader's chunks, in file order. A class, not a lambda: see JfrInput.NoConstants. */
    private final class Chunks implements JfrRecording.ChunkReader {
        @Override
        public void chunk(JfrChunk next) throws IOException {
            readChunk(next);
        }
    }

    private void readChunk(JfrChunk next) throws IOException {
        chunk = next;
        // The recording's span comes from the chunks' headers, whatever events are selected;
        // a chunk still being written states no duration, and its events end its span.
        firstNanos = Math.min(firstNanos, next.startNanos());
        if (next.durationNanos() > 0) {
            lastNanos = Math.max(lastNanos, next.startNanos() + next.durationNanos());
        }
        byStack.clear();
        byMethod.clear();
        JfrMetadata metadata = next.metadata;
        // Classes, not lambdas: the first lambda of a run bootstraps java.lang.invoke, which
        // cost a cold conversion ~10 ms of CPU (docs/BENCHMARKS.md, "JFR → pprof").
        Map<Long, JfrChunk.EventHandler> byType = new HashMap<>();
        JfrMetadata.Type setting = metadata.type("jdk.ActiveSetting");
        if (setting != null && selected.contains(JfrEventKind.CPU)) { // only the CPU period is used
            byType.put(setting.id, new SettingFields(metadata, setting));
        }
        for (JfrEventKind kind : selected) {
            JfrMetadata.Type type = metadata.type(kind.event);
            if (type != null) {
                if (kind == JfrEventKind.CPU) {
                    executionSampleTypeId = type.id;
                }
                byType.put(type.id, new EventFields(kind, metadata, type));
            }
        }
        next.scanEvents(byType);
    }

    /** Where the fields we use sit in an event type's field list; adds each event of its kind. */
    private final class EventFields implements JfrChunk.EventHandler {
        final JfrEventKind kind;
        final JfrMetadata metadata;
        final List<JfrMetadata.Field> fields;
        final int startTime;
        final int duration;
        final int stackTrace;
        final int weight;
        final int last;

        EventFields(JfrEventKind kind, JfrMetadata metadata, JfrMetadata.Type type) {
            this.kind = kind;
            this.metadata = metadata;
            fields = type.fields;
            startTime = type.field("startTime");
            duration = type.field("duration");
            stackTrace = type.field("stackTrace");
            weight = type.field("weight");
            last = Math.max(Math.max(startTime, duration), Math.max(stackTrace, weight));
        }

        @Override
        public void event(JfrInput in) throws JfrFormatException {
            add(kind, this, in);
        }
    }

    private void add(JfrEventKind kind, EventFields layout, JfrInput in) throws JfrFormatException {
        long startTicks = 0;
        long durationTicks = 0;
        long stackKey = 0;
        long weight = 0;
        for (int f = 0; f <= layout.last; f++) {
            JfrMetadata.Field field = layout.fields.get(f);
            if (f == layout.startTime) {
                startTicks = layout.metadata.readScalar(in, field);
            } else if (f == layout.duration) {
                durationTicks = layout.metadata.readScalar(in, field);
            } else if (f == layout.stackTrace) {
                stackKey = layout.metadata.readScalar(in, field);
            } else if (f == layout.weight) {
                weight = layout.metadata.readScalar(in, field);
            } else {
                layout.metadata.skip(in, field);
            }
        }
        Sample sample = byStack.get(stackKey);
        if (sample == null) {
            JfrConstantPools.RawStack stack = chunk.pools.readStackTrace(stackKey);
            if (stack == null) {
                return; // no stack trace: the JDK's parser gives null, and the event is not counted
            }
            sample = interner.sample(locations(stack));
            byStack.put(stackKey, sample);
        }
        long start = chunk.epochNanos(startTicks);
        firstNanos = Math.min(firstNanos, start);
        lastNanos = Math.max(lastNanos, start);
        int column = kind.ordinal() * 2;
        sample.values[column]++;
        events[kind.ordinal()]++;
        switch (kind) {
            case CPU -> { } // multiplied by the period at the end, which a chunk may state late
            case ALLOC -> sample.values[column + 1] += weight;
            case MONITOR, PARK -> sample.values[column + 1] += chunk.nanos(durationTicks);
        }
    }

    /** jdk.ActiveSetting: the "period" of each event type, as the recording was configured. */
    private final class SettingFields implements JfrChunk.EventHandler {
        final JfrMetadata metadata;
        final List<JfrMetadata.Field> fields;
        final int id;
        final int name;
        final int value;

        SettingFields(JfrMetadata metadata, JfrMetadata.Type type) {
            this.metadata = metadata;
            fields = type.fields;
            id = type.field("id");
            name = type.field("name");
            value = type.field("value");
        }

        @Override
        public void event(JfrInput in) throws JfrFormatException {
            long eventType = Long.MIN_VALUE;
            String settingName = null;
            String settingValue = null;
            int last = Math.max(id, Math.max(name, value));
            for (int f = 0; f <= last; f++) {
                JfrMetadata.Field field = fields.get(f);
                boolean isString = field.isInlineString();
                if (f == id) {
                    eventType = metadata.readScalar(in, field);
                } else if (f == name && isString) {
                    settingName = in.readString(chunk.pools);
                } else if (f == value && isString) {
                    settingValue = in.readString(chunk.pools);
                } else {
                    metadata.skip(in, field);
                }
            }
            if ("period".equals(settingName) && settingValue != null) {
                long period = parsePeriod(settingValue, -1);
                if (period > 0) {
                    periods.put(eventType, period);
                }
            }
        }
    }

    private List<Location> locations(JfrConstantPools.RawStack stack) throws JfrFormatException {
        long[] methods = stack.methods();
        List<Location> leafFirst = new ArrayList<>(methods.length + 1);
        for (int i = 0; i < methods.length; i++) {
            long methodKey = methods[i];
            Function function = byMethod.get(methodKey);
            if (function == null) {
                function = function(methodKey);
                byMethod.put(methodKey, function);
            }
            leafFirst.add(interner.location(function, Math.max(0, stack.lines()[i])));
        }
        if (stack.truncated()) {
            // As the agent marks it (JfrStacks): a reader must see the root is not the thread's.
            leafFirst.add(interner.location(interner.function(JavaFrames.TRUNCATED_BY_JFR, ""), 0));
        }
        return leafFirst;
    }

    private Function function(long methodKey) throws JfrFormatException {
        JfrConstantPools.MethodNames method = chunk.pools.method(methodKey);
        if (method == null) {
            throw new JfrFormatException("a stack names method " + methodKey + ", which no constant pool holds");
        }
        if (method.owner() == null || method.name() == null) {
            throw new JfrFormatException("method " + methodKey + " has no class or method name in the constant pools");
        }
        String type = StableNames.className(method.owner());
        // JFR has no source file names; javac's convention gives the likely path.
        return interner.function(JavaFrames.functionName(type, method.name()), JavaFrames.fileName(type, null));
    }

    /** "20 ms", "10 ms", "1 s", "100 us": JFR's period setting. */
    static long parsePeriod(String value, long fallback) {
        // By hand rather than split("\\s+"): a regex costs a cold start its classes.
        String text = value.strip();
        int space = 0;
        while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
            space++;
        }
        String number = text.substring(0, space);
        String unit = text.substring(space).strip();
        if (number.isEmpty() || unit.isEmpty()) {
            return fallback;
        }
        for (int i = 0; i < unit.length(); i++) {
            if (Character.isWhitespace(unit.charAt(i))) {
                return fallback;
            }
        }
        try {
            long n = Long.parseLong(number);
            return switch (unit) {
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
        int cpu = JfrEventKind.CPU.ordinal() * 2;
        for (Sample sample : profile.samples) {
            sample.values[cpu + 1] = sample.values[cpu] * cpuPeriodNanos;
        }
        // Keep only the kinds the recording has.
        List<Integer> keep = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (JfrEventKind kind : JfrEventKind.values()) {
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
        if (events[JfrEventKind.CPU.ordinal()] > 0) {
            profile.periodType = JfrEventKind.CPU.amount;
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
        if (events[JfrEventKind.CPU.ordinal()] > 0) {
            profile.comments.add("cpu: jdk.ExecutionSample every " + cpuPeriodNanos / 1_000_000
                    + " ms; before JDK 25 it misses time in intrinsics and stubs");
        }
        if (events[JfrEventKind.ALLOC.ordinal()] > 0) {
            profile.comments.add("alloc_space: jdk.ObjectAllocationSample weights; totals are right, sites are not "
                    + "(a weight is all the thread allocated since its last sample)");
        }
        // Addresses per frame, as the agent serves, for address-keyed tools reading the -proto output.
        return new FrameAddresses(Integer.MAX_VALUE).assign(profile);
    }
}
