package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CpuEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CPU and wall-clock profiles from async-profiler, which samples from signal handlers and
 * walks the stack wherever the thread is — in intrinsics, stubs and native code too, where
 * JDK 17's JFR sampler sees nothing.
 *
 * <p>CPU mode tries the events in order: {@code cpu} (perf_events, where the kernel and the
 * container allow them), then {@code ctimer} (a per-thread POSIX CPU timer), then
 * {@code itimer} (setitimer: one process-wide CPU timer whose tick lands on whichever thread
 * runs, so a busy thread may be credited with other threads' time — measured here up to
 * 17 % too many samples on a loaded machine). The profile's comment names the engine
 * async-profiler really ran, and why earlier ones were passed over.
 *
 * <p>The library loads at the first profile that needs it ({@link #start}), not when the agent
 * starts: an idle service should not pay for it (about 20 MB of RSS). What loading early gave,
 * the debug information that places a sample in the right inlined method (code compiled
 * without it read 59/41 for a true 66/34 split between two methods inlined into one loop), the
 * agent gives from its start through libpprof4j ({@link NonSafepointDebugInfo}); where it
 * cannot, the agent loads async-profiler at start as before ({@link #preload}).
 */
public final class AsyncProfilerCpuEngine implements CpuEngine {
    /** async-profiler's own wall-clock default: every thread is sampled, so 20 Hz each. */
    public static final Duration DEFAULT_WALL_INTERVAL = Duration.ofMillis(50);
    public static final List<String> CPU_EVENTS = List.of("cpu", "ctimer", "itimer");

    private final ForeignAsyncProfiler foreign;
    private final List<String> cpuEvents;
    private final RecordingFiles files = new RecordingFiles();

    /**
     * @param cpuEvents the async-profiler events to try in CPU mode, in order
     *                  (a user may pin {@code itimer} where perf_events misbehave)
     */
    public AsyncProfilerCpuEngine(List<String> cpuEvents) {
        this(ForeignAsyncProfiler.ofThisProcess(), cpuEvents);
    }

    public AsyncProfilerCpuEngine() {
        this(CPU_EVENTS);
    }

    AsyncProfilerCpuEngine(ForeignAsyncProfiler foreign, List<String> cpuEvents) {
        if (cpuEvents.isEmpty() || !CPU_EVENTS.containsAll(cpuEvents)) {
            throw new IllegalArgumentException("CPU events must be among " + CPU_EVENTS + ", not " + cpuEvents);
        }
        this.foreign = foreign;
        this.cpuEvents = List.copyOf(cpuEvents);
    }

    @Override
    public String name() {
        return "async-profiler";
    }

    /** Why async-profiler cannot serve here, found without loading it (it loads at the first profile). */
    @Override
    public String unavailableReason() {
        return AsyncProfilerLibrary.unavailableReason(foreign);
    }

    /** Loads async-profiler now; for when nothing else records inlined frames' debug information from start. */
    @Override
    public void preload() {
        try {
            AsyncProfilerLibrary.load(foreign);
        } catch (CollectorUnavailableException e) {
            // unavailableReason() says why from now on, and the fallback serves
        }
    }

    @Override
    public String description(String mode) {
        String version = AsyncProfilerLibrary.loadedVersion();
        String engine = version == null ? name() : "async-profiler " + version;
        String what = mode.equals("wall") ? engine + " wall-clock" : engine + " (" + String.join(", else ", cpuEvents) + ")";
        return version == null ? what + ", loaded at the first profile" : what;
    }

    @Override
    public boolean offers(String mode) {
        return mode.equals("cpu") || mode.equals("wall");
    }

    @Override
    public CpuRecording start(CpuRequest request) throws CollectorUnavailableException {
        CpuMode mode = CpuMode.ofParameter(request.mode());
        AsyncProfilerLibrary library = AsyncProfilerLibrary.load(foreign);
        Duration interval = mode == CpuMode.WALL ? DEFAULT_WALL_INTERVAL : request.interval();
        if (interval.toNanos() < 100_000) {
            throw new IllegalArgumentException("sampling interval must be at least 100µs, not " + interval);
        }
        if (!library.begin()) {
            throw new CollectorUnavailableException("async-profiler is already taking a CPU profile in this process");
        }
        try {
            Path recording = files.create("pprof4j-cpu-");
            try {
                List<String> passedOver = new ArrayList<>();
                String event = start(library, mode, interval, recording, passedOver);
                Recording started = new Recording(library, mode, interval, recording, files, event, passedOver);
                files.stopAtExit(recording, started::stopSampling);
                return started;
            } catch (CollectorUnavailableException | RuntimeException e) {
                files.delete(recording);
                throw e;
            }
        } catch (IOException e) {
            library.end();
            throw new CollectorUnavailableException("async-profiler could not start: " + e, e);
        } catch (CollectorUnavailableException | RuntimeException e) {
            library.end();
            throw e;
        }
    }

    private String start(AsyncProfilerLibrary library, CpuMode mode, Duration interval, Path recording,
            List<String> passedOver) throws IOException, CollectorUnavailableException {
        List<String> candidates = mode == CpuMode.WALL ? List.of("wall") : cpuEvents;
        for (String event : candidates) {
            try {
                library.execute("start,event=" + event + ",interval=" + interval.toNanos() + ",jfr,file=" + recording);
                return event;
            } catch (IllegalStateException e) {
                passedOver.add(event + ": " + e.getMessage());
            }
        }
        throw new CollectorUnavailableException("async-profiler could start none of " + candidates + ": "
                + String.join("; ", passedOver));
    }

    /**
     * One running async-profiler recording. Stopping it reads the JFR file it wrote; splitting
     * it ({@code dump}) finishes the chunk being written and hands that over as a slice, while
     * async-profiler samples on into the next chunk: no stop and start, which costs the caller
     * milliseconds of CPU (tens of them on a busy machine) and loses the samples in between.
     * The file keeps every chunk, and every chunk repeats all stacks seen since the start, so
     * past {@link #RESTART_BYTES} a split declines and the caller restarts the recording.
     */
    private static final class Recording implements CpuRecording {
        /** Where a recording's file stops growing: the next cut restarts it, in a new file. */
        static final long RESTART_BYTES = 16L << 20;

        private final AsyncProfilerLibrary library;
        private final CpuMode mode;
        private final Duration interval;
        private final Path file;
        private final RecordingFiles files;
        private final String event;
        private final List<String> passedOver;
        private final AtomicBoolean stopped = new AtomicBoolean();
        /** async-profiler's engine for {@link #event} ({@code perf_events}): the first chunk's settings say. */
        private volatile String engine;
        // Guarded by this: where the chunks not handed over yet start, and when they began.
        private long unreadFrom;
        private long sliceStartNanos = System.nanoTime();
        private long sliceStartEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());

        Recording(AsyncProfilerLibrary library, CpuMode mode, Duration interval, Path file, RecordingFiles files,
                String event, List<String> passedOver) {
            this.library = library;
            this.mode = mode;
            this.interval = interval;
            this.file = file;
            this.files = files;
            this.event = event;
            this.passedOver = passedOver;
        }

        @Override
        public synchronized Profile stop() throws CollectorUnavailableException {
            Path unread = null;
            try {
                stopProfiler();
                unread = unreadFrom == 0 ? file : JfrChunks.copy(file, unreadFrom, Files.size(file));
                return read(unread, sliceStartEpochNanos, System.nanoTime() - sliceStartNanos);
            } catch (IOException | RuntimeException e) {
                throw new CollectorUnavailableException("reading async-profiler's recording failed: " + e, e);
            } finally {
                deleteQuietly(unread);
                close();
            }
        }

        @Override
        public synchronized CpuRecording split() throws CollectorUnavailableException {
            try {
                if (stopped.get() || Files.size(file) >= RESTART_BYTES) {
                    return null;
                }
                library.execute("dump,jfr");
                long end = JfrChunks.finishedEnd(file, unreadFrom);
                if (end == unreadFrom) {
                    return null; // nothing finished: async-profiler did not dump as expected
                }
                long now = System.nanoTime();
                Slice slice = new Slice(JfrChunks.copy(file, unreadFrom, end), sliceStartEpochNanos,
                        now - sliceStartNanos);
                unreadFrom = end;
                sliceStartEpochNanos += now - sliceStartNanos;
                sliceStartNanos = now;
                return slice;
            } catch (IOException | RuntimeException e) {
                throw new CollectorUnavailableException("async-profiler could not hand over a slice: " + e, e);
            }
        }

        /** Chunks taken out of the recording; reading them is all that is left. */
        private final class Slice implements CpuRecording {
            private final Path chunks;
            private final long startEpochNanos;
            private final long durationNanos;

            Slice(Path chunks, long startEpochNanos, long durationNanos) {
                this.chunks = chunks;
                this.startEpochNanos = startEpochNanos;
                this.durationNanos = durationNanos;
            }

            @Override
            public Profile stop() throws CollectorUnavailableException {
                try {
                    return read(chunks, startEpochNanos, durationNanos);
                } catch (IOException | RuntimeException e) {
                    throw new CollectorUnavailableException("reading async-profiler's recording failed: " + e, e);
                } finally {
                    close();
                }
            }

            @Override
            public void close() {
                deleteQuietly(chunks);
            }
        }

        private Profile read(Path chunks, long startEpochNanos, long durationNanos) throws IOException {
            List<String> types = mode == CpuMode.WALL
                    ? List.of(JfrStackSamples.WALL_CLOCK_SAMPLE, JfrStackSamples.EXECUTION_SAMPLE)
                    : List.of(JfrStackSamples.EXECUTION_SAMPLE);
            JfrStackSamples samples = JfrStackSamples.readAsyncProfiler(chunks, mode, interval.toNanos(), types);
            String named = samples.settings().get("engine");
            if (named != null) {
                engine = named;
            }
            Profile profile = samples.profile();
            profile.timeNanos = startEpochNanos;
            profile.durationNanos = durationNanos;
            profile.comments.add(comment(engine));
            return profile;
        }

        private String comment(String engine) {
            StringBuilder comment = new StringBuilder("engine: async-profiler ").append(library.version())
                    .append(" event=").append(event);
            if (engine != null && !engine.equals(event)) {
                comment.append(" (").append(engine).append(')');
            }
            comment.append(" every ").append(formatInterval(interval));
            if (mode == CpuMode.WALL) {
                comment.append(" per thread, wall-clock: sleeping and blocked time included");
            }
            if (!passedOver.isEmpty()) {
                comment.append("; passed over ").append(String.join("; ", passedOver));
            }
            return comment.toString();
        }

        @Override
        public void stopSampling() {
            try {
                stopProfiler();
            } catch (IOException | RuntimeException e) {
                // stop() reports what the recording holds; a profiler that would not stop is stopped already
            }
        }

        private void stopProfiler() throws IOException {
            if (stopped.compareAndSet(false, true)) {
                try {
                    library.execute("stop");
                } finally {
                    library.end();
                }
            }
        }

        @Override
        public void close() {
            try {
                stopProfiler();
            } catch (IOException | RuntimeException e) {
                // Already stopped or never started: nothing left to release.
            }
            files.delete(file);
        }

        private static void deleteQuietly(Path path) {
            try {
                if (path != null) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // A leftover temporary file is harmless.
            }
        }
    }

    static String formatInterval(Duration interval) {
        long nanos = interval.toNanos();
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1_000 == 0) {
            return nanos / 1_000 + "µs";
        }
        return nanos + "ns";
    }
}
