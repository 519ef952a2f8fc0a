package dev.pprof4j.report.leaks;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;

/**
 * What a process held at one moment: its threads, its live heap by allocation site and by
 * class, and what is known about who holds it. The leak hunt compares a series of these;
 * where they come from (live rounds against an agent, an agent's history, files) does not
 * matter to it.
 *
 * @param available the measures the source could give; a missing one is not "zero"
 * @param notes why a measure is missing, in words for the report
 */
public record Snapshot(
        Instant time,
        Map<ThreadKey, Long> threads,
        Map<Stack, Usage> liveHeapBySite,
        Map<String, Usage> heapByClass,
        List<ReferenceChain> chains,
        Set<Measure> available,
        List<String> notes) {

    public Snapshot {
        threads = Map.copyOf(threads);
        liveHeapBySite = Map.copyOf(liveHeapBySite);
        heapByClass = Map.copyOf(heapByClass);
        chains = List.copyOf(chains);
        available = available.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(available));
        notes = List.copyOf(notes);
    }

    public boolean has(Measure measure) {
        return available.contains(measure);
    }

    public long threadCount() {
        return threads.values().stream().mapToLong(Long::longValue).sum();
    }

    public static Builder at(Instant time) {
        return new Builder(time);
    }

    /** Collects a snapshot piece by piece; each piece marks its measure available. */
    public static final class Builder {
        private final Instant time;
        private final Map<ThreadKey, Long> threads = new LinkedHashMap<>();
        private final Map<Stack, Usage> liveHeapBySite = new LinkedHashMap<>();
        private final Map<String, Usage> heapByClass = new LinkedHashMap<>();
        private final List<ReferenceChain> chains = new ArrayList<>();
        private final Set<Measure> available = EnumSet.noneOf(Measure.class);
        private final List<String> notes = new ArrayList<>();

        private Builder(Instant time) {
            this.time = time;
        }

        public Builder thread(Stack stack, Stack createdBy, long count) {
            available.add(Measure.THREADS);
            threads.merge(new ThreadKey(stack, createdBy), count, Long::sum);
            return this;
        }

        public Builder liveHeap(Stack site, Usage usage) {
            available.add(Measure.LIVE_HEAP_BY_SITE);
            liveHeapBySite.merge(site, usage, Usage::plus);
            return this;
        }

        public Builder heapClass(String className, Usage usage) {
            available.add(Measure.HEAP_BY_CLASS);
            heapByClass.merge(className, usage, Usage::plus);
            return this;
        }

        public Builder chain(ReferenceChain chain) {
            available.add(Measure.REFERENCE_CHAINS);
            chains.add(chain);
            return this;
        }

        /** Marks a measure available even when it found nothing (no threads is still a count). */
        public Builder measured(Measure measure) {
            available.add(measure);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Snapshot build() {
            return new Snapshot(time, threads, liveHeapBySite, heapByClass, chains, available, notes);
        }
    }
}
