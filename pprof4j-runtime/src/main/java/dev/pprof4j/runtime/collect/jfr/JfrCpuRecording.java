package dev.pprof4j.runtime.collect.jfr;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine.CpuRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The life of a JFR recording behind a CPU profile, for both JFR CPU engines
 * ({@code jdk.ExecutionSample}, {@link JfrCpuEngine}; {@code jdk.CPUTimeSample},
 * {@code JfrCpuTimeEngine}): start it, stop sampling, dump what it holds to a temporary file
 * that is deleted once read, and close it whatever happens. The engines differ only in the
 * events they enable and in how they read the file.
 */
public final class JfrCpuRecording {
    /** Reads a dumped recording into the profile. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @param durationNanos from the start to the end of sampling
         * @param startEpochNanos when sampling began, wall clock
         */
        Profile read(Path file, long durationNanos, long startEpochNanos) throws IOException;
    }

    private JfrCpuRecording() {
    }

    /**
     * Starts {@code recording}, whose events the engine has enabled.
     *
     * @param what the recording in messages ("CPU", "CPU-time")
     * @param filePrefix the prefix of the temporary file the recording is dumped to
     */
    public static CpuRecording start(Recording recording, String what, String filePrefix, Reader reader)
            throws CollectorUnavailableException {
        recording.setToDisk(true);
        try {
            recording.start();
        } catch (RuntimeException e) {
            recording.close();
            throw new CollectorUnavailableException("JFR could not start a " + what + " recording: " + e.getMessage(), e);
        }
        long startNanos = System.nanoTime();
        long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
        return new CpuRecording() {
            @Override
            public void stopSampling() {
                if (recording.getState() == RecordingState.RUNNING) {
                    recording.stop();
                }
            }

            @Override
            public Profile stop() throws CollectorUnavailableException {
                try {
                    stopSampling();
                    // Sampling ended here: dumping and reading take time that is not the profile's.
                    long durationNanos = System.nanoTime() - startNanos;
                    Path file = Files.createTempFile(filePrefix, ".jfr");
                    try {
                        recording.dump(file);
                        return reader.read(file, durationNanos, startEpochNanos);
                    } finally {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException | RuntimeException e) {
                    throw new CollectorUnavailableException("reading the JFR " + what + " recording failed: " + e, e);
                } finally {
                    recording.close();
                }
            }

            @Override
            public void close() {
                recording.close();
            }
        };
    }
}
