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
 * @param siteClasses the class each live-heap site allocated, where the source names it (the
 *     heap profile's {@code object} label): what to ask "who holds it" about
 * @param available the measures the source could give; a missing one is not "zero"
 * @param notes why a measure is missing, in words for the report
 * @param heapSamplingPeriod the heap sampler's mean bytes between samples where the source
 *     says (the heap profile's period), else 0: how noisy the live-heap estimates are
 * @param allocatedBySite bytes each site allocated since the sampler started (the heap
 *     profile's {@code alloc_space}, or the agent's history), where the source says; empty
 *     otherwise (files without it, an older agent's history). A site that keeps allocating while its in-use bytes
 *     stay flat replaces what it holds: a cache at its bound
 * @param oldGarbage whether the live heap holds old garbage that awaits a collection of the old
 *     generation, and whether one ran since the previous snapshot ({@link OldGarbage})
 */
public record Snapshot(
        Instant time,
        Map<ThreadKey, Long> threads,
        Map<Stack, Usage> liveHeapBySite,
        Map<String, Usage> heapByClass,
        List<ReferenceChain> chains,
        Map<Stack, String> siteClasses,
        Set<Measure> available,
        List<String> notes,
        long heapSamplingPeriod,
        Map<Stack, Long> allocatedBySite,
        OldGarbage oldGarbage) {

    /**
     * What the live heap by site holds besides live objects. A live hunt collects before each
     * snapshot ({@link #COLLECTED}); the agent's history never does, so a site's in-use bytes
     * also count its objects that died in the old generation since the last collection of it
     * (a cache's evicted entries). Between two such collections a cache at its bound climbs by
     * what it allocates, as a leak does; only right after one do the two differ.
     */
    public enum OldGarbage {
        /** The source collected the heap before the snapshot (a live hunt, a profile taken with gc=1). */
        COLLECTED,
        /** An old-generation collection ran since the previous snapshot (the history's reading is after it). */
        COLLECTED_SINCE_PREVIOUS,
        /** No old-generation collection ran since the previous snapshot: old garbage is still counted. */
        WAITING
    }

    public Snapshot {
        threads = Map.copyOf(threads);
        liveHeapBySite = Map.copyOf(liveHeapBySite);
        siteClasses = Map.copyOf(siteClasses);
        heapByClass = Map.copyOf(heapByClass);
        chains = List.copyOf(chains);
        available = available.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(available));
        notes = List.copyOf(notes);
        allocatedBySite = Map.copyOf(allocatedBySite);
        oldGarbage = oldGarbage == null ? OldGarbage.COLLECTED : oldGarbage;
    }

    /** A snapshot whose live heap was collected before it was taken. */
    public Snapshot(Instant time, Map<ThreadKey, Long> threads, Map<Stack, Usage> liveHeapBySite,
            Map<String, Usage> heapByClass, List<ReferenceChain> chains, Map<Stack, String> siteClasses,
            Set<Measure> available, List<String> notes, long heapSamplingPeriod, Map<Stack, Long> allocatedBySite) {
        this(time, threads, liveHeapBySite, heapByClass, chains, siteClasses, available, notes, heapSamplingPeriod,
                allocatedBySite, OldGarbage.COLLECTED);
    }

    /** A snapshot whose sites' allocations are not known. */
    public Snapshot(Instant time, Map<ThreadKey, Long> threads, Map<Stack, Usage> liveHeapBySite,
            Map<String, Usage> heapByClass, List<ReferenceChain> chains, Map<Stack, String> siteClasses,
            Set<Measure> available, List<String> notes, long heapSamplingPeriod) {
        this(time, threads, liveHeapBySite, heapByClass, chains, siteClasses, available, notes, heapSamplingPeriod,
                Map.of());
    }

    /** A snapshot whose sites' classes are not known. */
    public Snapshot(Instant time, Map<ThreadKey, Long> threads, Map<Stack, Usage> liveHeapBySite,
            Map<String, Usage> heapByClass, List<ReferenceChain> chains, Set<Measure> available, List<String> notes) {
        this(time, threads, liveHeapBySite, heapByClass, chains, Map.of(), available, notes, 0);
    }

    /** This snapshot with {@code more} chains and notes added (chains are fetched once, after the rounds). */
    public Snapshot withChains(List<ReferenceChain> more, List<String> moreNotes) {
        List<ReferenceChain> all = new ArrayList<>(chains);
        all.addAll(more);
        Set<Measure> measures = EnumSet.noneOf(Measure.class);
        measures.addAll(available);
        if (!more.isEmpty()) {
            measures.add(Measure.REFERENCE_CHAINS);
        }
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(moreNotes);
        return new Snapshot(time, threads, liveHeapBySite, heapByClass, all, siteClasses, measures, allNotes,
                heapSamplingPeriod, allocatedBySite, oldGarbage);
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
        private final Map<Stack, String> siteClasses = new LinkedHashMap<>();
        private final List<ReferenceChain> chains = new ArrayList<>();
        private final Set<Measure> available = EnumSet.noneOf(Measure.class);
        private final List<String> notes = new ArrayList<>();
        private final Map<Stack, Long> allocatedBySite = new LinkedHashMap<>();
        private long heapSamplingPeriod;
        private OldGarbage oldGarbage = OldGarbage.COLLECTED;

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

        /** A live-heap site and the class it allocated (the largest one, when a stack allocated several). */
        public Builder liveHeap(Stack site, String className, Usage usage) {
            Usage before = liveHeapBySite.get(site);
            if (before == null || usage.bytes() > before.bytes()) {
                siteClasses.put(site, className);
            }
            return liveHeap(site, usage);
        }

        /** Bytes {@code site} allocated since the sampler started (live or not). */
        public Builder allocated(Stack site, long bytes) {
            allocatedBySite.merge(site, bytes, Long::sum);
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

        /** The heap sampler's mean bytes between samples, as the heap profile's period says. */
        public Builder heapSamplingPeriod(long bytes) {
            heapSamplingPeriod = Math.max(0, bytes);
            return this;
        }

        /** What the live heap holds besides live objects; {@link OldGarbage#COLLECTED} unless said. */
        public Builder oldGarbage(OldGarbage state) {
            oldGarbage = state;
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Snapshot build() {
            return new Snapshot(time, threads, liveHeapBySite, heapByClass, chains, siteClasses, available, notes,
                    heapSamplingPeriod, allocatedBySite, oldGarbage);
        }
    }
}
