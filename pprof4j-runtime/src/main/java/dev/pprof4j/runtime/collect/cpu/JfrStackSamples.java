package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.profile.jfr.JfrConstantPools;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.io.IOException;
import java.nio.file.Path;
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
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads the stack samples of an async-profiler JFR recording into a Go-style CPU (or
 * wall-clock) profile: sample types {@code samples/count} and {@code cpu/nanoseconds}, each
 * sample worth one sampling interval, as Go's SIGPROF profile counts them. Samples are
 * aggregated by stack and thread while reading; no event is kept. Each sample carries a
 * {@code thread} label, so {@code -tagfocus thread=...} picks one thread.
 *
 * <p>Java frames go through {@link ProfileBuilder}, named like every other pprof4j profile.
 * Native frames (C/C++ and kernel, which only async-profiler records) keep their symbol as
 * the name and the library, or {@code [kernel]}, as the file. {@code profiler.WallClockSample}
 * events may batch several ticks in their {@code samples} field.
 */
final class JfrStackSamples {
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String WALL_CLOCK_SAMPLE = "profiler.WallClockSample";
    /** JDK 25's CPU-time sampler (JEP 509) and its count of samples it had to drop. */
    static final String CPU_TIME_SAMPLE = "jdk.CPUTimeSample";
    static final String CPU_TIME_SAMPLES_LOST = "jdk.CPUTimeSamplesLost";
    static final String THREAD_LABEL = "thread";

    private final ProfileBuilder builder;
    private final Map<StackKey, long[]> counts = new HashMap<>();
    /**
     * Each stack's locations, by the parser's stack trace object: the JDK's reader resolves a
     * constant pool entry once per chunk and hands every event that names it the same object,
     * so a stack sampled a thousand times is named and looked up once, not once per sample.
     */
    private final Map<RecordedStackTrace, List<Location>> stacks = new IdentityHashMap<>();
    private final Map<String, String> settings = new HashMap<>();
    private final long intervalNanos;
    private long withoutStack;
    private long lost;

    /** Location has identity equality, so two stacks are equal when they are the same frames. */
    private record StackKey(List<Location> frames, String thread) {
    }

    private JfrStackSamples(CpuMode mode, long intervalNanos) {
        this.intervalNanos = intervalNanos;
        ValueType value = mode.valueType();
        this.builder = new ProfileBuilder(value, intervalNanos, new ValueType("samples", "count"), value);
    }

    /**
     * The samples of {@code eventTypes} in {@code recording}, and the recording's
     * {@code jdk.ActiveSetting} values by name in {@link #settings()}: async-profiler records
     * there which engine really ran ({@code engine=perf_events}).
     *
     * @param intervalNanos the sampling interval; each sample is worth that much time
     */
    static JfrStackSamples read(Path recording, CpuMode mode, long intervalNanos, List<String> eventTypes)
            throws IOException {
        JfrStackSamples samples = new JfrStackSamples(mode, intervalNanos);
        try (EventStream events = EventStream.openFile(recording)) {
            for (String type : eventTypes) {
                events.onEvent(type, samples::add);
            }
            events.onEvent("jdk.ActiveSetting", samples::setting);
            events.onEvent(CPU_TIME_SAMPLES_LOST, e -> samples.lost += e.getLong("lostSamples"));
            events.start();
        }
        return samples;
    }

    /**
     * The same as {@link #read}, for a file of async-profiler's chunks, through
     * {@link JfrSampleReader}: it reads only what a stack profile needs, at a fraction of the
     * JDK parser's CPU and allocation, which matters to a pusher that reads a slice every window.
     */
    static JfrStackSamples readAsyncProfiler(Path recording, CpuMode mode, long intervalNanos, List<String> eventTypes)
            throws IOException {
        JfrStackSamples samples = new JfrStackSamples(mode, intervalNanos);
        Map<List<JfrConstantPools.Frame>, List<Location>> chunkStacks = new IdentityHashMap<>();
        JfrSampleReader.read(recording, eventTypes, new JfrSampleReader.Events() {
            @Override
            public void sample(List<JfrConstantPools.Frame> stack, String thread, long weight, boolean failed) {
                if (stack == null || stack.isEmpty() || failed) {
                    samples.withoutStack += weight;
                    return;
                }
                List<Location> locations = chunkStacks.computeIfAbsent(stack, samples::stackOf);
                samples.count(locations, thread == null ? "" : thread, weight);
            }

            @Override
            public void setting(String name, String value) {
                samples.settings.put(name, value);
            }

            @Override
            public void lost(long lost) {
                samples.lost += lost;
            }
        });
        return samples;
    }

    Map<String, String> settings() {
        return settings;
    }

    /** Samples taken but left out: no stack could be walked. */
    long withoutStack() {
        return withoutStack;
    }

    /** Samples the sampler reports it dropped (JDK 25's jdk.CPUTimeSamplesLost). */
    long lost() {
        return lost;
    }

    /** The profile; comments, time and duration are the caller's to add. */
    Profile profile() {
        for (Map.Entry<StackKey, long[]> e : counts.entrySet()) {
            long n = e.getValue()[0];
            Sample sample = builder.add(e.getKey().frames(), n, n * intervalNanos);
            if (!e.getKey().thread().isEmpty()) {
                sample.addLabel(THREAD_LABEL, e.getKey().thread());
            }
        }
        counts.clear();
        stacks.clear();
        return builder.build();
    }

    private void setting(RecordedEvent event) {
        if (event.hasField("name") && event.hasField("value")) {
            settings.put(event.getString("name"), event.getString("value"));
        }
    }

    private void add(RecordedEvent event) {
        long weight = event.hasField("samples") ? Math.max(event.getLong("samples"), 1) : 1;
        RecordedStackTrace trace = event.getStackTrace();
        if (trace == null || trace.getFrames().isEmpty() || (event.hasField("failed") && event.getBoolean("failed"))) {
            withoutStack += weight;
            return;
        }
        RecordedThread thread = event.hasField("sampledThread") ? event.getThread("sampledThread")
                : event.hasField("eventThread") ? event.getThread("eventThread") : null;
        List<Location> stack = stacks.computeIfAbsent(trace, this::stackOf);
        count(stack, thread == null ? "" : nameOf(thread), weight);
    }

    private void count(List<Location> stack, String thread, long weight) {
        counts.computeIfAbsent(new StackKey(stack, thread), k -> new long[1])[0] += weight;
    }

    private List<Location> stackOf(List<JfrConstantPools.Frame> frames) {
        List<Location> stack = new ArrayList<>(frames.size());
        for (JfrConstantPools.Frame frame : frames) {
            stack.add(location(frame.type(), frame.hasMethod(), frame.owner() == null ? "" : frame.owner(),
                    frame.method(), frame.line()));
        }
        return stack;
    }

    private List<Location> stackOf(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames();
        List<Location> stack = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) {
            stack.add(locationOf(frame));
        }
        return stack;
    }

    private Location locationOf(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String owner = method == null || method.getType() == null ? "" : method.getType().getName();
        return location(frame.getType(), method != null, owner, method == null ? null : method.getName(),
                frame.getLineNumber());
    }

    /** Both readers' frames named alike: a frame without a method is {@code [unknown]}. */
    private Location location(String type, boolean hasMethod, String owner, String method, int line) {
        String name = hasMethod ? method : "[unknown]";
        if (isNative(type)) {
            return builder.location("", name, "Kernel".equals(type) ? "[kernel]" : owner, 0);
        }
        return builder.location(owner, name, null, line);
    }

    /** async-profiler's frame types for code that is not Java: C/C++ libraries and the kernel. */
    private static boolean isNative(String frameType) {
        return "Native".equals(frameType) || "C++".equals(frameType) || "Kernel".equals(frameType);
    }

    private static String nameOf(RecordedThread thread) {
        String name = thread.getJavaName();
        if (name == null) {
            name = thread.getOSName();
        }
        return name == null ? "" : name;
    }
}
