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
 * mode in use, since async-profiler runs one event at a time. Where the engine can split its
 * recording (async-profiler finishes the JFR chunk it writes and samples on into the next), a
 * cut takes the slice without stopping; elsewhere it costs one stop and start (milliseconds;
 * samples in that gap are lost, the time ranges stay contiguous). The finished slice is read
 * afterwards, outside the lock, while the next one samples.
 */
public final class CpuWindows {
    private final CpuEngine engine;
    private final List<Window> open = new ArrayList<>();
    private CpuEngine.CpuRecording recording;
    private CpuEngine.CpuRequest running;
    private long cutNanos;
    private long cutEpochNanos;

    public CpuWindows(CpuEngine engine) {
        this.engine = engine;
    }

    public CpuEngine engine() {
        return engine;
    }

    /**
     * A finished recording, shared by the windows open during it; read once, by whichever
     * window asks first, outside the lock (reading a recording takes long on a busy machine,
     * and the engine runs meanwhile). Closed unread when the last window holding it leaves.
     */
    private static final class Slice {
        private final CpuEngine.CpuRecording recording;
        private int holders;
        private Profile profile;
        private CollectorUnavailableException failure;

        Slice(CpuEngine.CpuRecording recording, int holders) {
            this.recording = recording;
            this.holders = holders;
        }

        synchronized Profile profile() throws CollectorUnavailableException {
            if (profile == null && failure == null) {
                try {
                    profile = recording.stop();
                } catch (CollectorUnavailableException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    failure = new CollectorUnavailableException("reading a CPU recording failed: " + e, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return profile;
        }

        /** True when no other window holds this slice: its profile is then the holder's to keep. */
        synchronized boolean soleHolder() {
            return holders == 1;
        }

        synchronized void release() {
            if (--holders == 0 && profile == null && failure == null) {
                recording.close();
            }
        }
    }

    /** A consumer's stretch of the shared recording. */
    public final class Window implements AutoCloseable {
        private final List<Slice> slices = new ArrayList<>();
        private long startEpochNanos = cutEpochNanos;
        private long startNanos = cutNanos;
        private boolean closed;

        /** The samples since the window opened or last rolled over; the window stays open. */
        public Profile rollOver() throws CollectorUnavailableException {
            List<Slice> mine;
            long[] span;
            synchronized (CpuWindows.this) {
                requireOpen();
                CollectorUnavailableException failure = cut(true);
                mine = takeSlices();
                span = nextSpan();
                if (failure != null) {
                    release(mine);
                    throw failure;
                }
            }
            return merge(mine, span);
        }

        /** The samples since the window opened or last rolled over; closes the window. */
        public Profile stop() throws CollectorUnavailableException {
            List<Slice> mine;
            long[] span;
            synchronized (CpuWindows.this) {
                requireOpen();
                CollectorUnavailableException failure = cut(open.size() > 1);
                mine = takeSlices();
                span = nextSpan();
                closed = true;
                open.remove(this);
                if (failure != null && mine.isEmpty()) {
                    throw failure;
                }
            }
            return merge(mine, span);
        }

        /** Leaves without a profile (the client went away); never throws. */
        @Override
        public void close() {
            List<Slice> mine;
            synchronized (CpuWindows.this) {
                if (closed) {
                    return;
                }
                closed = true;
                open.remove(this);
                if (open.isEmpty()) {
                    stopRecording(); // the last one out: the engine goes idle
                }
                mine = takeSlices();
            }
            release(mine);
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("window already closed");
            }
        }

        private List<Slice> takeSlices() {
            List<Slice> mine = List.copyOf(slices);
            slices.clear();
            return mine;
        }

        /** {start epoch, duration} of the span ending at the last cut; the next span starts there. */
        private long[] nextSpan() {
            long[] span = {startEpochNanos, cutNanos - startNanos};
            startNanos = cutNanos;
            startEpochNanos = cutEpochNanos;
            return span;
        }

        private Profile merge(List<Slice> mine, long[] span) throws CollectorUnavailableException {
            try {
                if (mine.isEmpty()) {
                    throw new CollectorUnavailableException("the CPU engine stopped before this window got samples");
                }
                Profile profile;
                if (mine.size() == 1 && mine.get(0).soleHolder()) {
                    // The pusher's usual window: one slice nobody else holds, so no copy is needed.
                    profile = mine.get(0).profile();
                } else {
                    List<Profile> profiles = new ArrayList<>(mine.size());
                    for (Slice slice : mine) {
                        profiles.add(slice.profile());
                    }
                    // A merged copy: a slice is shared by every window that was open during it.
                    profile = Merger.merge(profiles);
                }
                profile.timeNanos = span[0];
                profile.durationNanos = span[1];
                return profile;
            } catch (IncompatibleProfilesException e) {
                throw new CollectorUnavailableException("CPU slices of one window differ: " + e.getMessage(), e);
            } finally {
                release(mine);
            }
        }
    }

    private static void release(List<Slice> slices) {
        for (Slice slice : slices) {
            slice.release();
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
            CollectorUnavailableException failure = cut(true);
            if (failure != null) {
                throw failure;
            }
        } else {
            recording = engine.start(request);
            running = request;
            markCut();
        }
        Window window = new Window();
        open.add(window);
        return window;
    }

    private static boolean sameKind(CpuEngine.CpuRequest a, CpuEngine.CpuRequest b) {
        return a.mode().equals(b.mode()) && a.interval().equals(b.interval());
    }

    /**
     * Ends the current slice and hands it to every open window; when asked to go on, splits the
     * running recording, or else starts the next at once (before anyone reads the finished
     * one). Returns why the engine did not restart, if so.
     */
    private CollectorUnavailableException cut(boolean restart) {
        CpuEngine.CpuRecording finished = restart ? split() : null;
        if (finished != null) {
            markCut();
            handOver(finished);
            return null;
        }
        finished = recording;
        recording = null;
        if (finished != null) {
            finished.stopSampling();
        }
        markCut();
        CollectorUnavailableException failure = null;
        if (restart) {
            try {
                recording = engine.start(running);
            } catch (CollectorUnavailableException | RuntimeException e) {
                // Nothing runs now; the next window to open or roll over starts the engine again.
                failure = new CollectorUnavailableException("the CPU engine could not restart: " + e.getMessage(), e);
            }
        }
        if (finished != null) {
            handOver(finished);
        }
        return failure;
    }

    /** The running recording's samples so far, taken while it samples on; null when it cannot (then it is unchanged). */
    private CpuEngine.CpuRecording split() {
        if (recording == null) {
            return null;
        }
        try {
            return recording.split();
        } catch (CollectorUnavailableException | RuntimeException e) {
            return null; // the caller stops and starts instead, which reports what still fails
        }
    }

    private void handOver(CpuEngine.CpuRecording finished) {
        if (open.isEmpty()) {
            finished.close();
        } else {
            Slice slice = new Slice(finished, open.size());
            for (Window window : open) {
                window.slices.add(slice);
            }
        }
    }

    private void markCut() {
        cutNanos = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        cutEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
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
