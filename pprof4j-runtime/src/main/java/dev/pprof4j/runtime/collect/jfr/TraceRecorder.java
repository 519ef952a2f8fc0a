package dev.pprof4j.runtime.collect.jfr;

import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** A JFR recording of the next few seconds with JFR's "default" settings (about 1 % overhead). */
public final class TraceRecorder {
    private TraceRecorder() {
    }

    /** Records for {@code seconds} and returns the recording file's bytes. */
    public static byte[] record(int seconds) throws CollectorUnavailableException {
        String reason = Jfr.unavailableReason();
        if (reason != null) {
            throw new CollectorUnavailableException(reason);
        }
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.setName("pprof4j-trace");
            recording.start();
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recording.stop();
            Path file = Files.createTempFile("pprof4j-trace", ".jfr");
            try {
                recording.dump(file);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | ParseException | RuntimeException e) {
            throw new CollectorUnavailableException("JFR recording failed: " + e, e);
        }
    }
}
