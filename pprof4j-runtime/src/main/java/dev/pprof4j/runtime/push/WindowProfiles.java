package dev.pprof4j.runtime.push;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.Collectors;
import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.EventProfiles;
import dev.pprof4j.runtime.collect.HeapSampler;
import dev.pprof4j.runtime.collect.ThreadProfiles;
import dev.pprof4j.runtime.collect.cpu.CpuWindows;
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
 * gap: each starts where the previous ended.
 */
final class WindowProfiles implements AutoCloseable {
    record Kind(String name, Profile profile) {
    }

    private final Collectors collectors;
    private final Duration interval;
    private final EventProfiles events;
    private final ThreadProfiles threads;
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private CpuWindows.Window cpu;
    private Profile heapBefore;
    private Profile blockBefore;
    private Profile mutexBefore;
    private long windowStartEpochNanos;

    WindowProfiles(Collectors collectors, Duration interval) {
        this.collectors = collectors;
        this.interval = interval;
        this.events = new EventProfiles(collectors);
        this.threads = new ThreadProfiles(collectors);
        this.windowStartEpochNanos = nowEpochNanos();
        openCpu();
        heapBefore = stamped(heap(), windowStartEpochNanos);
        blockBefore = stamped(optional("block", events::block), windowStartEpochNanos);
        mutexBefore = stamped(optional("mutex", events::mutex), windowStartEpochNanos);
    }

    /** The window that ends now; the next one starts now. */
    List<Kind> next() {
        long start = windowStartEpochNanos;
        long end = nowEpochNanos();
        windowStartEpochNanos = end;
        List<Kind> kinds = new ArrayList<>(5);
        if (cpu == null) {
            openCpu(); // a wall-clock request held the engine last time; the CPU window starts now
        } else {
            try {
                kinds.add(new Kind("process_cpu", cpu.rollOver()));
                unavailable.remove("process_cpu");
            } catch (CollectorUnavailableException | RuntimeException e) {
                unavailable.put("process_cpu", e.getMessage());
                cpu.close();
                cpu = null;
            }
        }
        Profile heapNow = stamped(heap(), end);
        if (heapBefore != null && heapNow != null) {
            delta("memory", heapBefore, heapNow, kinds);
        }
        heapBefore = heapNow;
        Profile blockNow = stamped(optional("block", events::block), end);
        if (blockBefore != null && blockNow != null) {
            delta("block", blockBefore, blockNow, kinds);
        }
        blockBefore = blockNow;
        Profile mutexNow = stamped(optional("mutex", events::mutex), end);
        if (mutexBefore != null && mutexNow != null) {
            delta("mutex", mutexBefore, mutexNow, kinds);
        }
        mutexBefore = mutexNow;
        try {
            // A state, not a sum: the live threads at the window's end, dated with the window.
            Profile goroutine = threads.goroutine(collectors.liveThreads().snapshot(false));
            goroutine.timeNanos = start;
            goroutine.durationNanos = end - start;
            kinds.add(new Kind("goroutine", goroutine));
        } catch (RuntimeException e) {
            unavailable.put("goroutine", e.toString());
        }
        return kinds;
    }

    /** Kinds left out of the last window and why, for {@code /debug/vars}. */
    Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    private void delta(String name, Profile before, Profile now, List<Kind> kinds) {
        try {
            kinds.add(new Kind(name, WindowDelta.between(before, now)));
        } catch (dev.pprof4j.profile.IncompatibleProfilesException | RuntimeException e) {
            unavailable.put(name, e.getMessage());
        }
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

    private Profile heap() {
        Optional<HeapSampler> sampler = collectors.heapSampler();
        if (sampler.isPresent()) {
            return optional("memory", () -> sampler.get().snapshot());
        }
        // Without the sampler, JFR's allocation samples: totals right, sites biased (their comment says so).
        return optional("memory", () -> events.allocationSamples("alloc_space"));
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

    private static Profile stamped(Profile profile, long epochNanos) {
        if (profile != null) {
            profile.timeNanos = epochNanos;
        }
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
