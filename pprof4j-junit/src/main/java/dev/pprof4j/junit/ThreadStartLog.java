package dev.pprof4j.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Remembers where threads were started, so that a leak report can say who created a
 * leaked thread ("created by", which goleak reads from the Go runtime and the JVM keeps
 * nowhere). It is a JFR recording of {@code jdk.ThreadStart} with stack traces; it costs
 * nothing per thread worth measuring, and the recording is read only when a leak is found.
 *
 * <p>Limits: threads started before the log are "unknown", and so are virtual threads:
 * JFR's {@code jdk.VirtualThreadStart} is recorded on the new virtual thread itself, so
 * its stack shows the thread's own first frame, never its creator (checked on JDK 21 and
 * 25). A virtual thread's own stack still names the task that leaked.
 */
public final class ThreadStartLog implements AutoCloseable {
    private static final String THREAD_START = "jdk.ThreadStart";

    private final Recording recording;
    private final String unavailable;
    private boolean closed;

    private ThreadStartLog(Recording recording, String unavailable) {
        this.recording = recording;
        this.unavailable = unavailable;
    }

    /**
     * Starts recording thread starts. Never throws: without JFR (a runtime built without
     * the jdk.jfr module, or a JVM that disallows it) the log records nothing and says why.
     */
    public static ThreadStartLog start() {
        try {
            Recording recording = new Recording();
            recording.setName("pprof4j thread starts");
            recording.enable(THREAD_START).withStackTrace();
            recording.setMaxAge(Duration.ofHours(1)); // bounds a long test run's recording
            recording.setToDisk(true);
            recording.start();
            return new ThreadStartLog(recording, null);
        } catch (LinkageError | RuntimeException e) {
            return new ThreadStartLog(null, "JFR is unavailable: " + e);
        }
    }

    /** Why nothing is recorded, or null while recording works. */
    public String unavailableReason() {
        return unavailable;
    }

    /** The creation sites of those of {@code threadIds} that were started while recording. */
    public Map<Long, CreationSite> creationSites(Set<Long> threadIds) {
        Map<Long, CreationSite> sites = new HashMap<>();
        if (recording == null || threadIds.isEmpty()) {
            return sites;
        }
        Path file = null;
        try {
            file = Files.createTempFile("pprof4j-thread-starts", ".jfr");
            recording.dump(file);
            try (RecordingFile events = new RecordingFile(file)) {
                while (events.hasMoreEvents()) {
                    RecordedEvent event = events.readEvent();
                    if (!event.getEventType().getName().equals(THREAD_START)) {
                        continue;
                    }
                    RecordedThread started = event.getValue("thread");
                    if (started == null || !threadIds.contains(started.getJavaThreadId())) {
                        continue;
                    }
                    RecordedThread parent = event.getValue("parentThread");
                    sites.put(started.getJavaThreadId(), new CreationSite(
                            parent == null ? "?" : parent.getJavaName(),
                            parent == null ? -1 : parent.getJavaThreadId(),
                            frames(event.getStackTrace())));
                }
            }
        } catch (IOException | RuntimeException e) {
            // A failed read costs the report its "created by" lines, not the verdict.
            return sites;
        } finally {
            deleteQuietly(file);
        }
        return sites;
    }

    private static List<StackTraceElement> frames(RecordedStackTrace trace) {
        List<StackTraceElement> frames = new ArrayList<>();
        if (trace == null) {
            return frames;
        }
        for (RecordedFrame frame : trace.getFrames()) {
            if (frame.isJavaFrame()) {
                frames.add(new StackTraceElement(frame.getMethod().getType().getName(),
                        frame.getMethod().getName(), null, frame.getLineNumber()));
            }
        }
        return frames;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** Stops recording; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (recording != null && !closed) {
            closed = true;
            recording.close();
        }
    }
}
