package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.IncompatibleProfilesException;
import dev.pprof4j.profile.Merger;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * One CPU engine shared by every consumer: {@code /debug/pprof/profile} requests and the
 * Pyroscope pusher each open a {@link Window} and get the samples taken while it was open.
 * Go refuses a second CPU profile ("cpu profiling already in use"); here the engine runs one
 * recording while any window is open and cuts it into slices wherever a window opens, rolls
 * over or closes: stop, start again at once, and hand the finished slice to every window that
 * was open during it. A window's profile is the merge of its slices, so two overlapping
 * windows each see exactly their own span, and neither shortens nor resets the other.
 *
 * <p>Windows share one recording only when they ask for the same mode and interval; a window
 * asking for another (say {@code mode=wall} while the pusher samples CPU) is refused with the
 * mode in use, since async-profiler runs one event at a time. A cut costs one stop and start
 * of the engine (milliseconds; samples in that gap are lost, the time ranges stay contiguous).
 */
public final class CpuWindows {
    private final CpuEngine engine;
    private final List<Window> open = new ArrayList<>();
    private CpuEngine.CpuRecording recording;
    private CpuEngine.CpuRequest running;

    public CpuWindows(CpuEngine engine) {
        this.engine = engine;
    }

    public CpuEngine engine() {
        return engine;
    }

    /** A consumer's stretch of the shared recording. */
    public final class Window implements AutoCloseable {
        private final List<Profile> slices = new ArrayList<>();
        private long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
        private long startNanos = System.nanoTime();
        private boolean closed;

        /** The samples since the window opened or last rolled over; the window stays open. */
        public Profile rollOver() throws CollectorUnavailableException {
            synchronized (CpuWindows.this) {
                cut(true);
                return takeProfile();
            }
        }

        /** The samples since the window opened or last rolled over; closes the window. */
        public Profile stop() throws CollectorUnavailableException {
            synchronized (CpuWindows.this) {
                if (closed) {
                    throw new IllegalStateException("window already closed");
                }
                try {
                    cut(open.size() > 1);
                    return takeProfile();
                } finally {
                    release();
                }
            }
        }

        /** Leaves without a profile (the client went away); never throws. */
        @Override
        public void close() {
            synchronized (CpuWindows.this) {
                if (closed) {
                    return;
                }
                if (open.size() == 1) {
                    stopRecording(); // the last one out: the engine goes idle
                }
                release();
            }
        }

        private void release() {
            closed = true;
            slices.clear();
            open.remove(this);
        }

        private Profile takeProfile() throws CollectorUnavailableException {
            long now = System.nanoTime();
            long nowEpoch = System.currentTimeMillis() * 1_000_000L;
            if (slices.isEmpty()) {
                throw new CollectorUnavailableException("the CPU engine stopped before this window got samples");
            }
            Profile profile;
            try {
                // Always a merged copy: a slice is shared by every window that was open during it.
                profile = Merger.merge(List.copyOf(slices));
            } catch (IncompatibleProfilesException e) {
                throw new CollectorUnavailableException("CPU slices of one window differ: " + e.getMessage(), e);
            }
            profile.timeNanos = startEpochNanos;
            profile.durationNanos = now - startNanos;
            slices.clear();
            startNanos = now;
            startEpochNanos = nowEpoch;
            return profile;
        }
    }

    /**
     * Opens a window now.
     *
     * @throws InUseException when another mode or interval is running (the message says which)
     * @throws CollectorUnavailableException when the engine cannot start
     */
    public synchronized Window open(CpuEngine.CpuRequest request) throws CollectorUnavailableException {
        if (recording != null && !sameKind(running, request)) {
            throw new InUseException("cpu profiling already in use with mode=" + running.mode()
                    + " every " + running.interval().toMillis() + " ms; a window of mode=" + request.mode()
                    + " cannot share it");
        }
        if (recording != null) {
            cut(true);
        } else {
            recording = engine.start(request);
            running = request;
        }
        Window window = new Window();
        open.add(window);
        return window;
    }

    private static boolean sameKind(CpuEngine.CpuRequest a, CpuEngine.CpuRequest b) {
        return a.mode().equals(b.mode()) && a.interval().equals(b.interval());
    }

    /** Ends the current slice, gives it to every open window, and starts the next when asked. */
    private void cut(boolean restart) throws CollectorUnavailableException {
        CpuEngine.CpuRecording finished = recording;
        recording = null;
        Profile slice = null;
        CollectorUnavailableException failure = null;
        if (finished != null) {
            try {
                slice = finished.stop();
            } catch (CollectorUnavailableException e) {
                failure = e;
            }
        }
        if (restart) {
            try {
                recording = engine.start(running);
            } catch (CollectorUnavailableException | RuntimeException e) {
                // Nothing runs now; the next window to open starts the engine again.
                failure = failure != null ? failure : new CollectorUnavailableException(
                        "the CPU engine could not restart: " + e.getMessage(), e);
            }
        }
        if (slice != null) {
            for (Window window : open) {
                window.slices.add(slice);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void stopRecording() {
        if (recording != null) {
            recording.close();
            recording = null;
        }
    }

    /** Another mode or interval holds the engine; Go's "cpu profiling already in use". */
    public static final class InUseException extends CollectorUnavailableException {
        InUseException(String message) {
            super(message);
        }
    }

    /** How many consumers hold a window now (for {@code /debug/vars}). */
    public synchronized int openWindows() {
        return open.size();
    }
}
