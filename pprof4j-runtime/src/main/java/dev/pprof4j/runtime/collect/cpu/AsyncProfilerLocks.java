package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.jfr.JfrStacks;
import dev.pprof4j.runtime.collect.build.StackTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * async-profiler's {@code lock} engine as the source of {@code block} and {@code mutex}
 * ({@code contentionengine=async-profiler}): it times contended monitor enters (JVMTI) and
 * {@code Unsafe.park} calls whose blocker's class name starts with
 * {@code java/util/concurrent/locks/Reentrant} or is {@code java/util/concurrent/Semaphore}
 * (lockTracer.cpp), and records a wait when a process-wide sum of wait durations passes
 * {@code lock=} (the remainder carried over: Engine::updateCounter), with its own duration. So
 * a wait of d below the interval is recorded with probability about d/interval, one above it
 * always; scaled as Go scales its block profile (d below the interval counts interval ns and
 * interval/d contentions), the totals are unbiased at every wait length.
 *
 * <p>It runs from start on, holding async-profiler's one session for the process (CPU profiles
 * then come from JFR: see Collectors); each read stops it, sums the recording's {@code jdk.JavaMonitorEnter}
 * and {@code jdk.ThreadPark} events into cumulative tables and starts a new recording, so waits
 * that span that moment are lost (async-profiler drops a wait that began before its start).
 * Thread-safe.
 */
public final class AsyncProfilerLocks {
    private final AsyncProfilerLibrary library;
    private final long intervalNanos;
    /** contentions, delay ns: by waiting stack, cumulative since start. */
    private final StackTable waits = new StackTable(2, 20_000);
    private final RecordingFiles files = new RecordingFiles();
    private Path recording;

    private AsyncProfilerLocks(AsyncProfilerLibrary library, long intervalNanos) {
        this.library = library;
        this.intervalNanos = intervalNanos;
    }

    /** Starts async-profiler's lock engine with {@code lock=intervalNanos}. */
    public static AsyncProfilerLocks start(long intervalNanos) throws CollectorUnavailableException {
        AsyncProfilerLibrary library = AsyncProfilerLibrary.load(ForeignAsyncProfiler.ofThisProcess());
        if (!library.begin()) {
            throw new CollectorUnavailableException("async-profiler is already recording in this process");
        }
        AsyncProfilerLocks locks = new AsyncProfilerLocks(library, Math.max(1, intervalNanos));
        try {
            locks.startRecording();
        } catch (IOException | RuntimeException e) {
            library.end();
            throw new CollectorUnavailableException("async-profiler's lock engine did not start: " + e.getMessage(), e);
        }
        return locks;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** "async-profiler 4.2 lock=10000000ns", for the profile's comment. */
    public String description() {
        return "async-profiler " + library.version() + " lock=" + intervalNanos + "ns";
    }

    /** The waits recorded so far, scaled (see the class comment), by waiting stack. */
    public synchronized StackTable waits() throws CollectorUnavailableException {
        try {
            Path done = recording;
            library.execute("stop");
            startRecording();
            read(done);
            files.delete(done);
        } catch (IOException | RuntimeException e) {
            throw new CollectorUnavailableException("reading async-profiler's lock recording failed: " + e.getMessage(), e);
        }
        return waits;
    }

    private void startRecording() throws IOException {
        recording = files.create("pprof4j-locks-");
        library.execute("start,event=lock,lock=" + intervalNanos + ",jfr,file=" + recording);
        files.stopAtExit(recording, this::stopQuietly);
    }

    /** At exit: async-profiler would otherwise write its recording out again after it was deleted. */
    private void stopQuietly() {
        try {
            library.execute("stop");
        } catch (IOException | RuntimeException e) {
            // stopped already
        }
    }

    private void read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return;
        }
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.ThreadPark")) {
                    long d = Math.max(1, event.getDuration().toNanos());
                    waits.add(JfrStacks.of(event.getStackTrace()),
                            d < intervalNanos ? Math.round((double) intervalNanos / d) : 1,
                            Math.max(d, intervalNanos));
                }
            }
        }
    }
}
