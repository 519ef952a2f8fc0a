package dev.pprof4j.runtime.collect.jfr;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.runtime.collect.cpu.NonSafepointDebugInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * CPU samples from JFR's {@code jdk.ExecutionSample}. Sound on JDK 25 (cooperative
 * sampling); before that, JFR only samples threads that stand in Java code at a safepoint-free
 * walkable frame, so time in intrinsics and stubs ({@code System.arraycopy}, SHA-256,
 * {@code Math.log}, {@code System.nanoTime}) is missing — the profile's comment says so.
 */
public final class JfrCpuEngine implements CpuEngine {
    static final String EVENT = "jdk.ExecutionSample";

    private final NonSafepointDebugInfo inlined;

    /** @param inlined whether samples in inlined code land on the inlined method (comment and index) */
    public JfrCpuEngine(NonSafepointDebugInfo inlined) {
        this.inlined = inlined;
    }

    @Override
    public String name() {
        return "jfr";
    }

    @Override
    public String unavailableReason() {
        return Jfr.unavailableReason();
    }

    @Override
    public String description(String mode) {
        String caveats = String.join("; ", java.util.stream.Stream.of(caveat(), inlined.caveat())
                .filter(c -> !c.isEmpty()).toList());
        return "jfr jdk.ExecutionSample" + (caveats.isEmpty() ? "" : " (" + caveats + ")");
    }

    /** What a JFR CPU profile cannot see on this JDK, for comments and the index page. */
    public static String caveat() {
        return Runtime.version().feature() >= 25 ? ""
                : "time in intrinsics and stubs (arraycopy, crypto, Math, nanoTime) is missing:"
                        + " JDK " + Runtime.version().feature() + "'s JFR sampler cannot walk those frames";
    }

    @Override
    public CpuRecording start(CpuRequest request) throws CollectorUnavailableException {
        String reason = unavailableReason();
        if (reason != null) {
            throw new CollectorUnavailableException(reason);
        }
        Recording recording = new Recording();
        recording.setName("pprof4j-cpu");
        recording.enable(EVENT).withPeriod(request.interval()).withStackTrace();
        return JfrCpuRecording.start(recording, "CPU", "pprof4j-cpu",
                (file, durationNanos, startEpochNanos) -> profile(file, request, durationNanos, startEpochNanos));
    }

    private Profile profile(Path file, CpuRequest request, long durationNanos, long startEpochNanos)
            throws IOException {
        long period = request.interval().toNanos();
        ProfileBuilder builder = new ProfileBuilder(new ValueType("cpu", "nanoseconds"), period,
                new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds"))
                .timeNanos(startEpochNanos)
                .durationNanos(durationNanos)
                .comment("engine: jfr jdk.ExecutionSample every " + request.interval().toMillis() + " ms"
                        + " (JDK " + Runtime.version().feature() + ")");
        String caveat = caveat();
        if (!caveat.isEmpty()) {
            builder.comment("warning: " + caveat);
        }
        if (!inlined.caveat().isEmpty()) {
            builder.comment("warning: " + inlined.caveat());
        }
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                // A dump holds every event type any recording enabled; keep ours.
                if (!event.getEventType().getName().equals(EVENT)) {
                    continue;
                }
                List<StackTraceElement> stack = JfrStacks.of(event.getStackTrace());
                builder.merge(builder.stack(stack.toArray(StackTraceElement[]::new)), 1, period);
            }
        }
        return builder.build();
    }
}
