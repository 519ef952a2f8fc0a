package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Load the library early ({@link #check()} when the agent starts): from then on HotSpot
 * compiles methods with the debug information that places a sample in the right inlined
 * method. Code compiled before loading lacks it; measured here, a 66/34 split between two
 * methods inlined into one loop then read 59/41.
 */
public final class AsyncProfilerCpuEngine {
    /** Go's CPU sampling rate: 100 Hz. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    /** async-profiler's own wall-clock default: every thread is sampled, so 20 Hz each. */
    public static final Duration DEFAULT_WALL_INTERVAL = Duration.ofMillis(50);
    static final List<String> CPU_EVENTS = List.of("cpu", "ctimer", "itimer");

    private final ForeignAsyncProfiler foreign;
    private final List<String> cpuEvents;
    private final Duration interval;
    private final Duration wallInterval;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * @param cpuEvents the async-profiler events to try in CPU mode, in order
     *                  (a user may pin {@code itimer} where perf_events misbehave)
     */
    public AsyncProfilerCpuEngine(List<String> cpuEvents, Duration interval, Duration wallInterval) {
        this(ForeignAsyncProfiler.ofThisProcess(), cpuEvents, interval, wallInterval);
    }

    public AsyncProfilerCpuEngine() {
        this(CPU_EVENTS, DEFAULT_INTERVAL, DEFAULT_WALL_INTERVAL);
    }

    AsyncProfilerCpuEngine(ForeignAsyncProfiler foreign, List<String> cpuEvents, Duration interval, Duration wallInterval) {
        for (String event : cpuEvents) {
            if (!CPU_EVENTS.contains(event)) {
                throw new IllegalArgumentException("CPU event must be one of " + CPU_EVENTS + ", not '" + event + "'");
            }
        }
        if (cpuEvents.isEmpty()) {
            throw new IllegalArgumentException("no CPU event to try; name one of " + CPU_EVENTS);
        }
        if (interval.toNanos() < 100_000 || wallInterval.toNanos() < 100_000) {
            throw new IllegalArgumentException("sampling interval must be at least 100µs, not " + interval);
        }
        this.foreign = foreign;
        this.cpuEvents = List.copyOf(cpuEvents);
        this.interval = interval;
        this.wallInterval = wallInterval;
    }

    /**
     * Loads async-profiler now if it can be loaded, so the index page can say which engine
     * serves; the reason it cannot otherwise.
     */
    public String check() throws CpuEngineUnavailableException {
        return "async-profiler " + library().version();
    }

    private AsyncProfilerLibrary library() throws CpuEngineUnavailableException {
        return AsyncProfilerLibrary.load(foreign);
    }

    /**
     * Samples for {@code duration} and returns the profile. Blocks the calling thread for
     * the duration; interrupting it stops the profile early and returns what was sampled.
     */
    public Profile profile(Duration duration, CpuMode mode)
            throws CpuEngineUnavailableException, CpuProfileInProgressException, IOException {
        AsyncProfilerLibrary library = library();
        if (!busy.compareAndSet(false, true)) {
            throw new CpuProfileInProgressException("a CPU profile is already being taken; try again when it ends");
        }
        Path recording = Files.createTempFile("pprof4j-cpu-", ".jfr");
        try {
            Duration rate = mode == CpuMode.WALL ? wallInterval : interval;
            List<String> passedOver = new ArrayList<>();
            String event = start(library, mode, rate, recording, passedOver);
            long startMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            try {
                sleep(duration);
            } finally {
                library.execute("stop");
            }
            long elapsed = System.nanoTime() - start;
            Map<String, String> settings = new HashMap<>();
            List<String> events = mode == CpuMode.WALL
                    ? List.of(JfrStackSamples.WALL_CLOCK_SAMPLE, JfrStackSamples.EXECUTION_SAMPLE)
                    : List.of(JfrStackSamples.EXECUTION_SAMPLE);
            Profile profile = JfrStackSamples.read(recording, mode, rate.toNanos(), events, settings);
            profile.timeNanos = TimeUnit.MILLISECONDS.toNanos(startMillis);
            profile.durationNanos = elapsed;
            profile.comments.add(comment(library, mode, event, settings.get("engine"), rate, passedOver));
            return profile;
        } finally {
            busy.set(false);
            Files.deleteIfExists(recording);
        }
    }

    private String start(AsyncProfilerLibrary library, CpuMode mode, Duration rate, Path recording,
            List<String> passedOver) throws IOException, CpuProfileInProgressException {
        List<String> candidates = mode == CpuMode.WALL ? List.of("wall") : cpuEvents;
        for (String event : candidates) {
            String command = "start,event=" + event + ",interval=" + rate.toNanos() + ",jfr,file=" + recording;
            try {
                library.execute(command);
                return event;
            } catch (IllegalStateException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("already started")) {
                    throw new CpuProfileInProgressException("async-profiler is already profiling this process; try again when it ends");
                }
                passedOver.add(event + ": " + message);
            }
        }
        throw new IOException("async-profiler could start none of " + candidates + ": " + String.join("; ", passedOver));
    }

    private static String comment(AsyncProfilerLibrary library, CpuMode mode, String event, String engine,
            Duration rate, List<String> passedOver) {
        StringBuilder comment = new StringBuilder("pprof4j ").append(mode.parameterValue())
                .append(" profile: async-profiler ").append(library.version())
                .append(", event ").append(event);
        if (engine != null && !engine.equals(event)) {
            comment.append(" (").append(engine).append(')');
        }
        comment.append(", interval ").append(formatInterval(rate));
        if (!passedOver.isEmpty()) {
            comment.append("; passed over ").append(String.join("; ", passedOver));
        }
        return comment.toString();
    }

    static String formatInterval(Duration rate) {
        long nanos = rate.toNanos();
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1_000 == 0) {
            return nanos / 1_000 + "µs";
        }
        return nanos + "ns";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // The caller gave up (client gone, agent stopping): end the profile early.
            Thread.currentThread().interrupt();
        }
    }
}
