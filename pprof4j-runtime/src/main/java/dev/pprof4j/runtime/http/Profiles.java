package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.collect.contention.ContentionProfiles;
import dev.pprof4j.runtime.collect.EventProfiles;
import dev.pprof4j.runtime.collect.HeapEngine;
import dev.pprof4j.runtime.collect.gc.MemStats;
import dev.pprof4j.runtime.collect.threads.ThreadProfiles;
import dev.pprof4j.runtime.collect.threads.ThreadSample;
import dev.pprof4j.runtime.collect.heap.ClassHistogram;
import dev.pprof4j.runtime.collect.heap.HeapDebugText;
import dev.pprof4j.runtime.collect.heap.HeapSnapshot;
import dev.pprof4j.runtime.collect.heap.JvmtiHeapEngine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The profiles Go's {@code pprof.Lookup} knows, made from pprof4j's collectors. */
final class Profiles {
    private final CollectorSet collectors;
    private final ThreadProfiles threadProfiles;
    private final EventProfiles eventProfiles;
    private final WaitObserver waits = new WaitObserver();
    private final Map<String, NamedProfile> byName = new LinkedHashMap<>();

    Profiles(CollectorSet collectors) {
        this.collectors = collectors;
        this.threadProfiles = new ThreadProfiles(collectors);
        this.eventProfiles = new EventProfiles(collectors);
        add(new NamedProfile("goroutine", "Stack traces of all current goroutines (live platform and virtual threads)",
                () -> collectors.liveThreads().count(),
                request -> threadProfiles.goroutine(snapshot(request)),
                (NamedProfile.StreamedText) this::goroutineText));
        add(new NamedProfile("threadcreate",
                "Stack traces that led to the creation of new OS threads (live platform threads by creating stack)",
                () -> java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount(),
                request -> threadProfiles.threadCreate(snapshot(request)),
                (request, debug) -> LegacyText.counts("threadcreate",
                        threadProfiles.threadCreate(snapshot(request)))));
        add(new NamedProfile("heap", "A sampling of memory allocations of live objects. You can specify the gc GET"
                + " parameter to run GC before taking the heap sample.",
                () -> heapCount(), request -> heap("inuse_space"),
                (NamedProfile.StreamedText) this::heapText));
        add(new NamedProfile("allocs", "A sampling of all past memory allocations",
                () -> heapCount(), request -> heap("alloc_space"),
                (NamedProfile.StreamedText) this::heapText));
        add(new NamedProfile("block", "Stack traces that led to blocking on synchronization primitives",
                () -> collectors.contention().count("block"), request -> collectors.contention().block(),
                (request, debug) -> LegacyText.contention("contention", 0, collectors.contention().block())));
        add(new NamedProfile("mutex", "Stack traces of holders of contended mutexes (?view=waiter: of their waiters)",
                () -> collectors.contention().count("mutex"), request -> collectors.contention().mutex(view(request)),
                (request, debug) -> LegacyText.contention("mutex", collectors.contention().mutexSamplingPeriod(),
                        collectors.contention().mutex(view(request)))));
    }

    private void add(NamedProfile profile) {
        byName.put(profile.name(), profile);
    }

    NamedProfile get(String name) {
        return byName.get(name);
    }

    List<NamedProfile> all() {
        return List.copyOf(byName.values());
    }

    /** Which engine serves {@code name}, for the index page. */
    String engine(String name) {
        return switch (name) {
            case "goroutine" -> collectors.liveThreads().virtualThreadsNote() == null
                    ? "ThreadMXBean + thread containers" : "ThreadMXBean; " + collectors.liveThreads().virtualThreadsNote();
            case "threadcreate" -> eventsOr("ThreadMXBean + jfr jdk.ThreadStart");
            case "heap", "allocs" -> collectors.heapSampler().map(HeapEngine::name)
                    .orElse(eventsOr("jfr jdk.ObjectAllocationSample (fallback; no in-use values)"));
            case "block", "mutex" -> collectors.contention().engine().startsWith("jfr")
                    ? eventsOr(collectors.contention().engine()) : collectors.contention().engine();
            case "profile" -> collectors.cpu().description("cpu")
                    + (collectors.cpu().unavailableReason() != null ? " (unavailable)" : "")
                    + (collectors.cpu().offers("wall") ? "; mode=wall: " + collectors.cpu().description("wall") : "");
            // a recording of its own: served even with the always-on stream off (events=off)
            case "trace" -> "jfr recording";
            default -> "";
        };
    }

    private String eventsOr(String engine) {
        return collectors.eventsUnavailableReason() == null ? engine
                : "unavailable: " + collectors.eventsUnavailableReason();
    }

    private int heapCount() {
        Optional<HeapEngine> sampler = collectors.heapSampler();
        if (sampler.isPresent()) {
            return sampler.get().count();
        }
        return tableSize("allocs");
    }

    private int tableSize(String name) {
        try {
            return collectors.allocations().size();
        } catch (CollectorUnavailableException e) {
            return -1;
        }
    }

    /** The mutex profile's {@code view=holder} (the default, Go's) or {@code view=waiter}. */
    private static ContentionProfiles.View view(PprofRequest request) throws HttpError {
        try {
            return ContentionProfiles.View.parse(request.param("view"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private Profile heap(String defaultSampleType) throws CollectorUnavailableException {
        Optional<HeapEngine> sampler = collectors.heapSampler();
        if (sampler.isPresent()) {
            Profile profile = sampler.get().snapshot();
            profile.defaultSampleType = defaultSampleType;
            return profile;
        }
        Profile fallback = eventProfiles.allocationSamples("alloc_space");
        fallback.comments.add("no in-use values by site (heap sampler unavailable: "
                + collectors.heapSamplerUnavailableReason() + ")");
        return fallback;
    }

    /** Heap a thread's {@code ThreadInfo} takes, with a stack of a few dozen frames (and its locks). */
    static final long BYTES_PER_THREAD = 2048;
    /** Platform threads per safepoint when a dump is taken in batches. */
    static final int BATCH = 256;

    /** Every live thread without locks, once the request's memory budget allows it. */
    private List<ThreadSample> snapshot(PprofRequest request) throws HttpError {
        return collectors.liveThreads().snapshot(
                threads -> request.reserve(threads * BYTES_PER_THREAD, "a snapshot of " + threads + " threads"));
    }

    private long threadCount(List<Thread> virtual) {
        int count = collectors.liveThreads().count(virtual);
        return count < 0 ? java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount() : count;
    }

    /**
     * Go's {@code debug=1} heap text (the same for heap and allocs, as in Go), ending with the
     * exact class histogram and the JVM's MemStats equivalents; written to the socket as it is made.
     */
    private void heapText(PprofRequest request, int debug) throws HttpError, IOException {
        request.reserve(HEAP_TEXT_BYTES, "the heap's debug text");
        HeapSnapshot snapshot = collectors.heapSampler()
                .filter(JvmtiHeapEngine.class::isInstance)
                .map(s -> ((JvmtiHeapEngine) s).sampler().snapshot())
                .orElse(null);
        ClassHistogram histogram = null;
        String histogramError = null;
        try {
            histogram = request.stopTheWorld(() -> ClassHistogram.take(collectors.diagnosticCommands()));
        } catch (IllegalStateException e) {
            histogramError = e.getMessage();
        }
        ClassHistogram taken = histogram;
        String error = histogramError;
        request.streamText("text/plain; charset=utf-8", out ->
                HeapDebugText.write(out, snapshot, collectors.heapSamplerUnavailableReason(), taken, error,
                        MemStats.now(collectors.gcPauses())));
    }

    /** The class histogram's text and the sampler's sites, held while the heap text is written. */
    static final long HEAP_TEXT_BYTES = 1L << 20;

    /**
     * {@code debug=1}: counts by stack; {@code debug=2}: every thread, streamed — one consistent
     * picture (one safepoint) when its {@code ThreadInfo}s fit in a quarter of the agent's memory
     * budget, else {@link #BATCH} threads per safepoint, which the dump's first line says.
     */
    private void goroutineText(PprofRequest request, int debug) throws HttpError, IOException {
        if (debug == 1) {
            String text = LegacyText.counts("goroutine", threadProfiles.goroutine(snapshot(request)));
            request.sendText(200, "text/plain; charset=utf-8", text);
            return;
        }
        // Listing the virtual threads walks the JDK's thread containers: once, for the count and the dump.
        List<Thread> virtual = collectors.liveThreads().virtualThreads().list();
        long count = threadCount(virtual);
        long whole = count * BYTES_PER_THREAD;
        boolean batched = whole > request.memoryCapacity() / 4;
        request.reserve(batched ? BATCH * BYTES_PER_THREAD : whole, "a dump of " + count + " threads");
        String note = collectors.liveThreads().virtualThreadsNote();
        WaitObserver.Round round = waits.new Round(System.currentTimeMillis());
        request.streamText("text/plain; charset=utf-8", out -> {
            if (note != null) {
                out.append("# ").append(note).append("\n\n");
            }
            if (batched) {
                out.append("# ").append(Long.toString(count)).append(" threads: too many for one picture in"
                        + " pprof4j's memory budget, so taken ").append(Integer.toString(BATCH))
                        .append(" at a time; threads started or ended meanwhile may be missing\n\n");
                // many short safepoints: charged their own time, not the formatting and sending between them
                request.stopsOnlyWhereTimed();
                collectors.liveThreads().forEachBatch(BATCH, true, virtual, request::addStopped, threads ->
                        ThreadDump.write(out, threads, collectors.createdBy(), round.observe(threads)));
            } else {
                List<ThreadSample> threads = request.stopTheWorld(() -> collectors.liveThreads().snapshot(true));
                ThreadDump.write(out, threads, collectors.createdBy(), round.observe(threads));
            }
            round.end();
        });
    }
}
