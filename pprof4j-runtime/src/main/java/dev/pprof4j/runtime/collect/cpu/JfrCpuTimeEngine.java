package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.jfr.JfrCpuRecording;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * CPU profiles from JDK 25's CPU-time sampler ({@code jdk.CPUTimeSample}, JEP 509, Linux):
 * one sample per interval of each thread's CPU time, like Go's SIGPROF and async-profiler's
 * ctimer. {@code jdk.ExecutionSample} instead samples threads in Java every interval of
 * wall time, running or waiting for a core: measured here on a loaded machine it gave a
 * busy thread 154 % of the samples its CPU time was due, where this engine gives ~100 %.
 */
public final class JfrCpuTimeEngine implements CpuEngine {
    static final int SINCE_JDK = 25;

    private final NonSafepointDebugInfo inlined;

    /** @param inlined whether samples in inlined code land on the inlined method (comment and index) */
    public JfrCpuTimeEngine(NonSafepointDebugInfo inlined) {
        this.inlined = inlined;
    }

    @Override
    public String name() {
        return "jfr-cputime";
    }

    @Override
    public String unavailableReason() {
        if (Runtime.version().feature() < SINCE_JDK) {
            return "jdk.CPUTimeSample needs JDK " + SINCE_JDK + " (this is " + Runtime.version().feature() + ")";
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "jdk.CPUTimeSample is Linux only";
        }
        try {
            for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
                if (type.getName().equals(JfrStackSamples.CPU_TIME_SAMPLE)) {
                    return null;
                }
            }
            return "this JDK's JFR has no " + JfrStackSamples.CPU_TIME_SAMPLE;
        } catch (RuntimeException | LinkageError e) {
            return "JFR is not available: " + e;
        }
    }

    @Override
    public String description(String mode) {
        String caveat = inlined.caveat();
        return "jfr jdk.CPUTimeSample" + (caveat.isEmpty() ? "" : " (" + caveat + ")");
    }

    @Override
    public CpuRecording start(CpuRequest request) throws CollectorUnavailableException {
        String reason = unavailableReason();
        if (reason != null) {
            throw new CollectorUnavailableException(reason);
        }
        long intervalNanos = request.interval().toNanos();
        Recording recording = new Recording();
        recording.setName("pprof4j-cputime");
        // throttle as a period ("10 ms") means: one sample per 10 ms of each thread's CPU time.
        recording.enable(JfrStackSamples.CPU_TIME_SAMPLE)
                .with("throttle", TimeUnit.NANOSECONDS.toMillis(intervalNanos) + " ms").withStackTrace();
        recording.enable(JfrStackSamples.CPU_TIME_SAMPLES_LOST);
        return JfrCpuRecording.start(recording, "CPU-time", "pprof4j-cputime-", (file, durationNanos, startEpochNanos) -> {
            JfrStackSamples samples = JfrStackSamples.read(file, CpuMode.CPU, intervalNanos,
                    List.of(JfrStackSamples.CPU_TIME_SAMPLE));
            Profile profile = samples.profile();
            profile.timeNanos = startEpochNanos;
            profile.durationNanos = durationNanos;
            profile.comments.add("engine: jfr jdk.CPUTimeSample every "
                    + AsyncProfilerCpuEngine.formatInterval(request.interval()) + " of CPU time (JDK "
                    + Runtime.version().feature() + ")");
            if (!inlined.caveat().isEmpty()) {
                profile.comments.add("warning: " + inlined.caveat());
            }
            if (samples.lost() + samples.withoutStack() > 0) {
                profile.comments.add("warning: " + samples.lost() + " samples lost and "
                        + samples.withoutStack() + " without a stack are not in this profile");
            }
            return profile;
        });
    }
}
