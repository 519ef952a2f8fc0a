package dev.pprof4j.runtime.collect.jfr;

import dev.pprof4j.runtime.collect.DiagnosticCommands;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Sizes JFR's memory for the agent's event stream, before JFR starts. JFR's defaults
 * ({@code memorysize=10m}: 20 global buffers of 512 KB) are made for a profiling recording;
 * the agent's stream carries a few thread starts and collections a second. A JVM running only
 * that stream held 15.5 MB of NMT's {@code Tracing} with the defaults and 6.3 MB with
 * {@value #GLOBAL_BUFFER_COUNT} global buffers of {@value #GLOBAL_BUFFER_SIZE} (1 MB, the least
 * JFR accepts on its command line; the rest is JFR's fixed string pool, checkpoint and chunk
 * writer buffers), on JDK 17 and 25 alike.
 *
 * <p>{@code JFR.configure memorysize=} alone changes nothing once the JVM is up (measured: 15.5 MB
 * either way); the buffer count and size do, until JFR starts. A user's own JFR set-up wins: with
 * {@code -XX:FlightRecorderOptions} or {@code -XX:StartFlightRecording}, or once JFR has started,
 * nothing is changed. Otherwise a recording started later (the {@code trace} endpoint, a user's
 * {@code JFR.start}) gets the same 1 MB, which JFR writes to disk more often as it fills.
 */
final class JfrMemory {
    static final String GLOBAL_BUFFER_COUNT = "4";
    static final String GLOBAL_BUFFER_SIZE = "256k";

    private JfrMemory() {
    }

    /**
     * Sets JFR's global buffers for the stream when nobody configured JFR; never throws.
     *
     * @param commands     runs {@code JFR.configure}
     * @param jvmArguments the JVM's input arguments (where a user's JFR options would be)
     * @return why JFR's memory was left as it is, or null when it was sized
     */
    static String sizeForStream(DiagnosticCommands commands, List<String> jvmArguments) {
        for (String argument : jvmArguments) {
            if (argument.startsWith("-XX:FlightRecorderOptions") || argument.startsWith("-XX:StartFlightRecording")) {
                return "JFR is configured on the command line (" + argument + ")";
            }
        }
        try {
            if (jdk.jfr.FlightRecorder.isInitialized()) {
                return "JFR had started before the agent";
            }
            commands.execute("JFR.configure", "globalbuffercount=" + GLOBAL_BUFFER_COUNT,
                    "globalbuffersize=" + GLOBAL_BUFFER_SIZE);
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "JFR.configure failed: " + e;
        }
    }

    /** {@link #sizeForStream(DiagnosticCommands, List)} for this JVM. */
    static String sizeForStream(DiagnosticCommands commands) {
        return sizeForStream(commands, ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
