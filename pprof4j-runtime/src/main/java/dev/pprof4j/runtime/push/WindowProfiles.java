package dev.pprof4j.runtime.push;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.build.CumulativeDelta;
import dev.pprof4j.runtime.collect.EventProfiles;
import dev.pprof4j.runtime.collect.HeapEngine;
import dev.pprof4j.runtime.collect.threads.ThreadProfiles;
import dev.pprof4j.runtime.collect.cpu.CpuWindows;
import dev.pprof4j.runtime.collect.heap.HeapProfiles;
import dev.pprof4j.runtime.collect.heap.HeapSnapshot;
import dev.pprof4j.runtime.collect.heap.JvmtiHeapEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles of one push window, by Pyroscope's {@code __name__}: {@code process_cpu} (a
 * window of the shared CPU engine), {@code memory} (allocations in the window, in-use at its
 * end), {@code block} and {@code mutex} (contentions and delay in the window) and
 * {@code goroutine} (the live threads at the window's end). Each comes from the same collector
 * that serves its {@code /debug/pprof} endpoint; a kind whose collector cannot serve here is
 * left out and its reason kept for {@code /debug/vars}. Windows follow one another without a
 * gap: each starts where the previous ended. Every profile comes laid out by the process's
 * {@link dev.pprof4j.profile.FrameAddresses}, as scraped ones are.
 *
 * <p>Between windows it holds baselines only, never a whole profile: two longs per heap
 * sampler site ({@link HeapSiteWindow}) and about 80 bytes per block and mutex stack
 * ({@link CumulativeDelta}, the {@code delta_*} endpoints' own).
 */
final class WindowProfiles implements AutoCloseable {
    record Kind(String name, Profile profile) {
    }

    private final CollectorSet collectors;
    private final Duration interval;
    private final PushPhases phases;
    private final EventProfiles events;
    private final ThreadProfiles threads;
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final HeapSiteWindow heapSites = new HeapSiteWindow();
    private final CumulativeDelta allocationSamples;
    private final CumulativeDelta block;
    private final CumulativeDelta mutex;
    private CpuWindows.Window cpu;
    private long windowStartEpochNanos;

    WindowProfiles(CollectorSet collectors, Duration interval, PushPhases phases) {
        this.collectors = collectors;
        this.interval = interval;
        this.phases = phases;
        this.events = new EventProfiles(collectors);
        this.threads = new ThreadProfiles(collectors);
        this.windowStartEpochNanos = nowEpochNanos();
        this.allocationSamples = new CumulativeDelta(windowStartEpochNanos);
        this.block = new CumulativeDelta(windowStartEpochNanos);
        this.mutex = new CumulativeDelta(windowStartEpochNanos);
        // No baselines: the first window also holds what the collectors counted before the pusher's
        // thread got here (seconds on a loaded machine), as godeltaprof's first answer does.
        openCpu();
    }

    /** The window that ends now; the next one starts now. Each kind's CPU is charged to its phase. */
    List<Kind> next() {
        long start = windowStartEpochNanos;
        long end = nowEpochNanos();
        windowStartEpochNanos = end;
        List<Kind> kinds = new ArrayList<>(5);
        if (cpu == null) {
            openCpu(); // a wall-clock request held the engine last time; the CPU window starts now
        } else {
            try {
                kinds.add(new Kind("process_cpu", addressed(PushPhases.CPU, cpu.rollOver())));
                unavailable.remove("process_cpu");
            } catch (CollectorUnavailableException | RuntimeException e) {
                unavailable.put("process_cpu", e.getMessage());
                cpu.close();
                cpu = null;
            }
        }
        phases.lap(PushPhases.CPU);
        add(kinds, "memory", memory(start, end));
        phases.lap(PushPhases.MEMORY);
        add(kinds, "block", counted("block", events::block, block, start, end));
        phases.lap(PushPhases.BLOCK);
        add(kinds, "mutex", counted("mutex", events::mutex, mutex, start, end));
        phases.lap(PushPhases.MUTEX);
        try {
            // A state, not a sum: the live threads at the window's end, dated with the window.
            Profile goroutine = threads.goroutine(collectors.liveThreads().snapshot(false));
            kinds.add(new Kind("goroutine", window(addressed(PushPhases.GOROUTINE, goroutine), start, end)));
        } catch (RuntimeException e) {
            unavailable.put("goroutine", e.toString());
        }
        phases.lap(PushPhases.GOROUTINE);
        return kinds;
    }

    private static void add(List<Kind> kinds, String name, Profile profile) {
        if (profile != null) {
            kinds.add(new Kind(name, profile));
        }
    }

    /** Kinds left out of the last window and why, for {@code /debug/vars}. */
    Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    private void openCpu() {
        CpuEngine engine = collectors.cpuWindows().engine();
        String reason = engine.unavailableReason();
        if (reason != null) {
            unavailable.put("process_cpu", reason);
            return;
        }
        try {
            cpu = collectors.cpuWindows().open(new CpuEngine.CpuRequest(interval, CpuEngine.CpuRequest.DEFAULT_INTERVAL,
                    "cpu"));
        } catch (CollectorUnavailableException | RuntimeException e) {
            unavailable.put("process_cpu", e.getMessage());
        }
    }

    /**
     * Allocations in the window and in-use at its end: from the heap sampler's site table when
     * it runs ({@link HeapSiteWindow}), else the change of JFR's allocation samples (totals
     * right, sites biased: their comment says so) and no in-use values.
     */
    private Profile memory(long start, long end) {
        Optional<HeapEngine> sampler = collectors.heapSampler();
        if (sampler.isPresent() && sampler.get() instanceof JvmtiHeapEngine engine) {
            try {
                HeapSnapshot window = heapSites.next(engine.sampler().snapshot());
                unavailable.remove("memory");
                return window(addressed(PushPhases.MEMORY, HeapProfiles.heap(window)), start, end);
            } catch (RuntimeException e) {
                unavailable.put("memory", e.toString());
                return null;
            }
        }
        Source cumulative = sampler.isPresent() ? sampler.get()::snapshot : () -> events.allocationSamples("alloc_space");
        return counted("memory", cumulative, allocationSamples, start, end);
    }

    /** A cumulative profile's change in the window, by address chain and labels (in-use values as they are). */
    private Profile counted(String name, Source source, CumulativeDelta baseline, long start, long end) {
        Profile cumulative = optional(name, source);
        if (cumulative == null) {
            return null;
        }
        boolean[] counters = new boolean[cumulative.sampleTypes.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = !cumulative.sampleTypes.get(i).type().startsWith("inuse_");
        }
        return window(baseline.next(addressed(name, cumulative), counters, end), start, end);
    }

    /** {@code profile} laid out by the process's frame addresses; the CPU so far goes to {@code kind}, the layout's to its own phase. */
    private Profile addressed(String kind, Profile profile) {
        phases.lap(kind);
        Profile addressed = collectors.frameAddresses().assign(profile);
        phases.lap(PushPhases.ADDRESSES);
        return addressed;
    }

    private interface Source {
        Profile get() throws CollectorUnavailableException;
    }

    private Profile optional(String name, Source source) {
        try {
            Profile profile = source.get();
            unavailable.remove(name);
            return profile;
        } catch (CollectorUnavailableException | RuntimeException e) {
            unavailable.put(name, e.getMessage());
            return null;
        }
    }

    private static Profile window(Profile profile, long start, long end) {
        profile.timeNanos = start;
        profile.durationNanos = end - start;
        return profile;
    }

    private static long nowEpochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void close() {
        if (cpu != null) {
            cpu.close();
            cpu = null;
        }
    }
}
