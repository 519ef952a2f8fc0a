package dev.pprof4j.runtime.collect;

import dev.pprof4j.runtime.collect.jfr.JfrCpuEngine;
import java.time.Duration;

/**
 * Something that can sample where the CPU time goes: JFR's {@code jdk.ExecutionSample}
 * ({@link JfrCpuEngine}, always there, blind to intrinsics before JDK 25) or a native sampler.
 * The {@code /debug/pprof/profile} handler asks {@link CollectorSet#cpu()} for the one to use and
 * makes sure only one recording runs at a time, as Go allows one CPU profile at a time.
 */
public interface CpuEngine {
    /** Short name shown on the index page and in the profile's comment, e.g. {@code jfr}. */
    String name();

    /**
     * Why this engine cannot run here, or null when it can. Checked once when the engines are
     * chosen; a failing {@link #start} is still possible and answered with 503.
     */
    String unavailableReason();

    /**
     * Loads now what {@link #start} would load at the first profile; for an engine whose samples
     * in inlined methods are right only for code compiled after it loaded, when nothing else
     * records that code's debug information from start (see {@code NonSafepointDebugInfo}).
     */
    default void preload() {
    }

    /** Whether {@code mode} (a {@code mode=} request parameter: cpu, wall) is offered. */
    default boolean offers(String mode) {
        return "cpu".equals(mode);
    }

    /**
     * What the index page says serves {@code mode}: the engine's name, and what it cannot see
     * or why a preferred engine is not the one serving.
     */
    default String description(String mode) {
        return name();
    }

    /** Starts sampling now; the caller stops it after the requested duration. */
    CpuRecording start(CpuRequest request) throws CollectorUnavailableException;

    /**
     * What the client asked for.
     *
     * @param duration how long the caller will sample (the engine may use it as a hint)
     * @param interval the sampling interval; Go's default is 10 ms (100 Hz)
     * @param mode {@code cpu} (default, like Go) or another mode the engine offers, e.g. {@code wall}
     */
    record CpuRequest(Duration duration, Duration interval, String mode) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    }

    /** A running CPU recording. */
    interface CpuRecording extends AutoCloseable {
        /**
         * Stops sampling and returns the profile: sample types {@code samples/count} and
         * {@code cpu/nanoseconds}, period type {@code cpu/nanoseconds}, a comment naming the
         * engine and its interval (and what it cannot see).
         */
        dev.pprof4j.profile.Profile stop() throws CollectorUnavailableException;

        /**
         * Stops sampling but leaves the samples to {@link #stop}, which then only reads them: the
         * shared engine ({@link dev.pprof4j.runtime.collect.cpu.CpuWindows}) starts the next
         * recording in between, so reading one slice leaves no gap in the next. Never throws.
         */
        default void stopSampling() {
        }

        /**
         * Hands over what was sampled since the start or the last split as a finished
         * recording, whose {@link #stop} reads it, and goes on sampling without a pause: the
         * shared engine cuts its slices this way when it can, instead of a stop and start.
         * Null when this engine cannot (or would rather restart now); the caller then stops and
         * starts, and this recording is unchanged.
         */
        default CpuRecording split() throws CollectorUnavailableException {
            return null;
        }

        /** Releases the recording without a profile (client went away); never throws. */
        @Override
        void close();
    }
}
