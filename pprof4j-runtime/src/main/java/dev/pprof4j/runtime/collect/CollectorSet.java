package dev.pprof4j.runtime.collect;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.runtime.agent.AgentOptions;
import dev.pprof4j.runtime.collect.build.StackTable;
import dev.pprof4j.runtime.collect.contention.ContentionProfiles;
import dev.pprof4j.runtime.collect.cpu.AsyncProfilerLocks;
import dev.pprof4j.runtime.collect.contention.ContentionSampler;
import dev.pprof4j.runtime.collect.contention.ContentionSettings;
import dev.pprof4j.runtime.collect.cpu.CpuEngines;
import dev.pprof4j.runtime.collect.cpu.NonSafepointDebugInfo;
import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
import dev.pprof4j.runtime.collect.gc.GcPauses;
import dev.pprof4j.runtime.collect.heap.JvmtiHeapEngine;
import dev.pprof4j.runtime.collect.history.HistorySettings;
import dev.pprof4j.runtime.collect.history.SnapshotHistory;
import dev.pprof4j.runtime.collect.jfr.Jfr;
import dev.pprof4j.runtime.collect.jfr.JfrCpuEngine;
import dev.pprof4j.runtime.collect.jfr.JfrEventStream;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.LiveThreads;
import dev.pprof4j.runtime.collect.threads.VirtualThreads;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every collector of one running pprof4j, chosen once at start and closed on stop. This is
 * where engines plug in: a CPU engine is added to {@link #cpuEngines} in order of
 * preference, a heap sampler to {@link #heapSampler}. Nothing here is static: two starts in
 * one JVM (tests do that) get two independent sets.
 */
public final class CollectorSet implements AutoCloseable {
    /** Frames whose addresses stay the same for the life of the process; far more than a service's profiles show. */
    public static final int FRAME_ADDRESSES = 1 << 16;

    private final AgentOptions options;
    private final CpuEngine cpu;
    private final dev.pprof4j.runtime.collect.cpu.CpuWindows cpuWindows;
    private final HeapEngine heapSampler;
    private final String heapSamplerUnavailable;
    private final LiveThreads liveThreads;
    private final CreatedByTable createdBy = new CreatedByTable();
    /** JFR allocation samples: {samples, weight bytes}. */
    private final StackTable allocations = new StackTable(2, 20_000);
    /** {contentions, delay nanoseconds} for block and mutex. */
    private final StackTable block = new StackTable(2, 20_000);
    private final StackTable mutex = new StackTable(2, 20_000);
    private final GcPauses gcPauses = new GcPauses();
    private final ConcurrentOldCycles oldCycles = new ConcurrentOldCycles();
    /** One address per Java frame for every profile served (about 250 bytes a frame, 16 MB when full). */
    private final FrameAddresses frameAddresses = new FrameAddresses(FRAME_ADDRESSES);
    private final JfrEventStream events;
    private final ContentionSampler contentionSampler;
    private final ContentionProfiles contention;
    private final String eventsUnavailable;
    private final long startNanos = System.nanoTime();
    private final SnapshotHistory history;
    private final String historyUnavailable;
    private final dev.pprof4j.runtime.push.Pusher pusher;
    private final DiagnosticCommands commands;

    private CollectorSet(AgentOptions options, Instrumentation instrumentation, boolean atJvmStart) {
        this.options = options;
        this.liveThreads = new LiveThreads(VirtualThreads.open(instrumentation));
        DiagnosticCommands commands = DiagnosticCommands.open(instrumentation);
        this.commands = commands;
        String jfrReason = "off".equals(options.get("events", "on"))
                ? "the always-on JFR event stream is off (agent option events=off)" : Jfr.unavailableReason();
        // The heap sampler first: where it runs, JFR's allocation samples would only duplicate it
        // (allocs comes from the sampler) while costing CPU and keeping a table of every stack.
        String[] heapWhy = new String[1];
        this.heapSampler = heapSampler(options, heapWhy);
        this.heapSamplerUnavailable = heapWhy[0];
        // The contention sampler before the stream: where it runs, JFR's thresholded park and
        // monitor events would only be a biased twin of it.
        String[] contentionWhy = new String[1];
        this.contentionSampler = contentionSampler(options, commands, contentionWhy);
        AsyncProfilerLocks locks = contentionSampler == null ? asyncProfilerLocks(options, contentionWhy) : null;
        boolean jfrContention = contentionSampler == null && locks == null;
        JfrEventStream stream = null;
        if (jfrReason == null) {
            try {
                stream = new JfrEventStream(commands, createdBy, heapSampler == null ? allocations : null,
                        jfrContention ? block : null, jfrContention ? mutex : null, gcPauses, oldCycles);
            } catch (RuntimeException | LinkageError e) {
                jfrReason = "JFR event stream could not start: " + e;
            }
        }
        if (stream == null) {
            gcPauses.listenToGcBeans();
        }
        this.events = stream;
        this.eventsUnavailable = jfrReason;
        this.contention = new ContentionProfiles(contentionSampler, locks, contentionWhy[0], new ContentionProfiles.JfrTables() {
            @Override
            public StackTable block() throws CollectorUnavailableException {
                return CollectorSet.this.block();
            }

            @Override
            public StackTable mutex() throws CollectorUnavailableException {
                return CollectorSet.this.mutex();
            }
        }, JfrEventStream.CONTENTION_THRESHOLD);
        NonSafepointDebugInfo inlined = NonSafepointDebugInfo.notEnabled(atJvmStart);
        // async-profiler's one session is the contention engine's when it runs: CPU goes to JFR.
        this.cpu = chooseCpu(locks == null ? cpuEngines(options, inlined)
                : List.of(new dev.pprof4j.runtime.collect.cpu.JfrCpuTimeEngine(inlined), new JfrCpuEngine(inlined)));
        this.cpuWindows = new dev.pprof4j.runtime.collect.cpu.CpuWindows(cpu);
        // Now, before the application's code is compiled when started from premain: JFR's samples
        // then land in inlined methods, not on their callers. async-profiler, which loads at the
        // first CPU profile, finds the same debug information in code compiled before it loaded;
        // where libpprof4j cannot record it, async-profiler loads now and records it itself.
        inlined.enable();
        if (!CpuEngines.isJfr(cpu) && !inlined.recorded()) {
            cpu.preload();
        }
        String[] historyWhy = new String[1];
        this.history = history(options, historyWhy);
        this.historyUnavailable = historyWhy[0];
        // Last: it takes its first window's baselines from the collectors above.
        this.pusher = dev.pprof4j.runtime.push.PushSettings.from(options, System.getenv())
                .map(settings -> dev.pprof4j.runtime.push.Pusher.start(settings, this)).orElse(null);
    }

    /** The Pyroscope pusher, when {@code pyroscope=} is set. */
    public Optional<dev.pprof4j.runtime.push.Pusher> pusher() {
        return Optional.ofNullable(pusher);
    }

    /** The snapshot history ({@code history=1m}, {@code historysize=60}); {@code history=0} turns it off. */
    private SnapshotHistory history(AgentOptions options, String[] whyNot) {
        try {
            HistorySettings settings = options.history();
            if (!settings.enabled()) {
                whyNot[0] = "the history is off (history=0); start the agent with history=1m to keep one";
                return null;
            }
            dev.pprof4j.runtime.collect.heap.HeapSampler sampler = heapSampler instanceof JvmtiHeapEngine engine
                    ? engine.sampler() : null;
            return SnapshotHistory.start(settings, liveThreads, createdBy, sampler, commands, oldCycles);
        } catch (RuntimeException | LinkageError e) {
            whyNot[0] = "the history could not start: " + e.getMessage();
            return null;
        }
    }

    /** The agent's snapshot history, when it runs. */
    public Optional<SnapshotHistory> history() {
        return Optional.ofNullable(history);
    }

    /** Null when the history runs; else why it does not. */
    public String historyUnavailableReason() {
        return historyUnavailable;
    }

    /**
     * Starts the collectors; never throws: what cannot start reports why when asked.
     *
     * @param atJvmStart true from the agent's premain, when little code is compiled yet (see
     *                   {@link NonSafepointDebugInfo})
     */
    public static CollectorSet start(AgentOptions options, Instrumentation instrumentation, boolean atJvmStart) {
        return new CollectorSet(options, instrumentation, atJvmStart);
    }

    /** CPU engines in order of preference; the first available serves. */
    private static List<CpuEngine> cpuEngines(AgentOptions options, NonSafepointDebugInfo inlined) {
        List<CpuEngine> engines = new ArrayList<>();
        // async-profiler before JDK 25, JFR after, each with the other behind it; async-profiler
        // loads at the first profile that needs it (see AsyncProfilerCpuEngine).
        engines.add(CpuEngines.choose(options.get("cpuengine", "auto"), options.get("cpuevent", null),
                Runtime.version().feature(), inlined));
        engines.add(new JfrCpuEngine(inlined));
        return engines;
    }

    /**
     * The live-heap sampler, when libpprof4j loads here (see {@link HeapEngine});
     * {@code memprofilerate=0} turns it off, as {@code runtime.MemProfileRate = 0} does in Go;
     * {@code memprofilebudget} bounds its CPU (see {@link dev.pprof4j.runtime.collect.heap.HeapSampler}).
     */
    private static HeapEngine heapSampler(AgentOptions options, String[] whyNot) {
        int rate = options.memProfileRate(); // checked when the options were parsed
        if (rate == 0) {
            whyNot[0] = "heap sampling turned off (memprofilerate=0)";
            return null;
        }
        try {
            return dev.pprof4j.runtime.collect.heap.JvmtiHeapEngine.start(rate, options.profStackDepth(),
                    options.memProfileBudget());
        } catch (IllegalStateException | LinkageError e) {
            whyNot[0] = e.getMessage();
            return null;
        }
    }

    /**
     * libpprof4j's contention sampler ({@code contentionengine=auto} or {@code jvmti}), or null
     * with the reason: {@code contentionengine=jfr}, or the library or its monitor events are missing.
     */
    private static ContentionSampler contentionSampler(AgentOptions options, DiagnosticCommands commands,
            String[] whyNot) {
        ContentionSettings settings = ContentionSettings.from(options);
        if ("jfr".equals(settings.engine()) || "async-profiler".equals(settings.engine())) {
            whyNot[0] = "contentionengine=" + settings.engine();
            return null;
        }
        try {
            return ContentionSampler.start(settings, commands);
        } catch (IllegalStateException | LinkageError e) {
            whyNot[0] = e.getMessage();
            return null;
        }
    }

    /** async-profiler's lock engine when {@code contentionengine=async-profiler}, else null (whyNot: why not, if asked). */
    private static AsyncProfilerLocks asyncProfilerLocks(AgentOptions options, String[] whyNot) {
        ContentionSettings settings = ContentionSettings.from(options);
        if (!"async-profiler".equals(settings.engine())) {
            return null;
        }
        try {
            return AsyncProfilerLocks.start(settings.blockRate() > 0 ? settings.blockRate() : ContentionSettings.DEFAULT_BLOCK_RATE);
        } catch (CollectorUnavailableException e) {
            whyNot[0] = "contentionengine=async-profiler: " + e.getMessage();
            return null;
        }
    }

    /** The block and mutex profiles (the one entry point for them, cumulative since start). */
    public ContentionProfiles contention() {
        return contention;
    }

    /** Null when a heap sampler runs; else why in-use memory by site can't be measured. */
    public String heapSamplerUnavailableReason() {
        return heapSamplerUnavailable;
    }

    private static CpuEngine chooseCpu(List<CpuEngine> engines) {
        for (CpuEngine engine : engines) {
            if (engine.unavailableReason() == null) {
                return engine;
            }
        }
        return engines.get(engines.size() - 1);
    }

    public AgentOptions options() {
        return options;
    }

    public CpuEngine cpu() {
        return cpu;
    }

    /** The CPU engine shared by {@code /debug/pprof/profile} and the pusher: each takes windows of it. */
    public dev.pprof4j.runtime.collect.cpu.CpuWindows cpuWindows() {
        return cpuWindows;
    }

    /** The one way the agent runs diagnostic commands (class histograms, {@code VM.log}, {@code JFR.configure}). */
    public DiagnosticCommands diagnosticCommands() {
        return commands;
    }

    public Optional<HeapEngine> heapSampler() {
        return Optional.ofNullable(heapSampler);
    }

    public LiveThreads liveThreads() {
        return liveThreads;
    }

    public CreatedByTable createdBy() {
        return createdBy;
    }

    public StackTable allocations() throws CollectorUnavailableException {
        requireEvents();
        return allocations;
    }

    public StackTable block() throws CollectorUnavailableException {
        requireEvents();
        return block;
    }

    public StackTable mutex() throws CollectorUnavailableException {
        requireEvents();
        return mutex;
    }

    /** The process's frame-to-address table: every served profile is laid out through it. */
    public FrameAddresses frameAddresses() {
        return frameAddresses;
    }

    public GcPauses gcPauses() {
        return gcPauses;
    }

    /** Null when the JFR event stream runs; else why created-by, allocs, block and mutex are missing. */
    public String eventsUnavailableReason() {
        return eventsUnavailable;
    }

    /** When the collectors started, on {@link System#nanoTime()}'s clock. */
    public long startNanos() {
        return startNanos;
    }

    private void requireEvents() throws CollectorUnavailableException {
        if (eventsUnavailable != null) {
            throw new CollectorUnavailableException(eventsUnavailable);
        }
    }

    @Override
    public void close() {
        if (pusher != null) {
            pusher.close();
        }
        if (history != null) {
            history.close();
        }
        if (events != null) {
            events.close();
        }
        if (contentionSampler != null) {
            contentionSampler.close();
        }
        gcPauses.close();
        if (heapSampler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // stopping the sampler's events cannot fail in a way the caller could act on
            }
        }
    }
}
