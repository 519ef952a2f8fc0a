package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Frame;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.ReferenceChain;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Stack;
import dev.pprof4j.report.leaks.ThreadKey;
import dev.pprof4j.report.leaks.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what grew as a leak grows ({@link LeakCriteria}: a trend that never falls back) in a
 * series of snapshots: threads by the stack that started them, live heap by allocation site,
 * heap by class. What grew only as a consequence of a finding ({@link Consequences}) is
 * listed as evidence under it.
 *
 * <p>It judges only in-use measures (live threads, live heap after a GC), so garbage, which
 * is gone by the next GC, cannot look like a leak; and it skips the warm-up intervals of
 * {@link LeakCriteria}, so a pool filling up or a table built once cannot either. The
 * snapshots may come from live rounds against an agent or from an agent's history.
 */
public final class LeakDetector {
    private final LeakCriteria criteria;

    public LeakDetector(LeakCriteria criteria) {
        this.criteria = criteria;
    }

    public LeakReport detect(List<Snapshot> snapshots) {
        if (snapshots.size() < LeakCriteria.MIN_SNAPSHOTS) {
            throw new IllegalArgumentException("a leak hunt needs at least " + LeakCriteria.MIN_SNAPSHOTS
                    + " snapshots to see growth; got " + snapshots.size());
        }
        Set<Measure> measured = EnumSet.allOf(Measure.class);
        Set<String> notes = new LinkedHashSet<>();
        boolean anyChains = false;
        for (Snapshot s : snapshots) {
            measured.retainAll(s.available());
            notes.addAll(s.notes());
            anyChains |= s.has(Measure.REFERENCE_CHAINS);
        }
        // Chains are looked up once, after the rounds (each is a heap walk), not in every snapshot.
        if (anyChains) {
            measured.add(Measure.REFERENCE_CHAINS);
        }
        // An agent's history takes a class histogram only now and then: those snapshots are a
        // series of their own, judged when there are enough of them.
        List<Snapshot> withHistogram = snapshots.stream().filter(s -> s.has(Measure.HEAP_BY_CLASS)).toList();
        if (withHistogram.size() >= LeakCriteria.MIN_SNAPSHOTS) {
            measured.add(Measure.HEAP_BY_CLASS);
            if (withHistogram.size() < snapshots.size()) {
                notes.add("heap by class: judged on the " + withHistogram.size() + " snapshots of the "
                        + snapshots.size() + " that hold a class histogram");
            }
        } else if (!withHistogram.isEmpty()) {
            notes.add("heap by class: only " + withHistogram.size() + " of the " + snapshots.size()
                    + " snapshots hold a class histogram; a trend needs " + LeakCriteria.MIN_SNAPSHOTS);
        }
        List<Finding> findings = new ArrayList<>();
        List<Finding> alsoGrew = new ArrayList<>();
        List<Finding> unexplained = new ArrayList<>();
        Optional<Snapshot> withChains = snapshots.stream()
                .filter(s -> s.has(Measure.REFERENCE_CHAINS)).reduce((a, b) -> b);
        List<ReferenceChain> chains = withChains.map(Snapshot::chains).orElse(List.of());
        List<Finding> threads = measured.contains(Measure.THREADS) ? threadFindings(snapshots) : List.of();
        findings.addAll(threads);
        Map<String, Set<String>> siteClasses = new HashMap<>();
        List<Finding> sites = measured.contains(Measure.LIVE_HEAP_BY_SITE)
                ? siteFindings(snapshots, chains, siteClasses, notes) : List.of();
        for (Finding site : sites) {
            String method = site.stack().applicationFrame().map(Frame::methodKey).orElse("");
            Optional<String> contradicted = ExactHeapCheck.contradicts(method, siteClasses.get(method), snapshots, criteria);
            if (contradicted.isPresent()) {
                notes.add(contradicted.get());
                continue;
            }
            Optional<String> reason = Consequences.ofThreads(site, threads);
            if (reason.isPresent()) {
                alsoGrew.add(site.asEvidence(reason.get()));
            } else {
                findings.add(site);
            }
        }
        if (measured.contains(Measure.HEAP_BY_CLASS)) {
            // A class that grew is evidence for a finding only when something names it: a site
            // that allocated that class, or a chain through the finding's own classes. Without
            // the sampler the classes are the findings; with it, a class no application site
            // explains is shown apart (the agent's own response buffers grow in an idle JVM).
            List<Finding> named = new ArrayList<>(findings);
            named.addAll(alsoGrew);
            boolean sampled = measured.contains(Measure.LIVE_HEAP_BY_SITE);
            Snapshot last = snapshots.get(snapshots.size() - 1);
            for (Finding c : classFindings(withHistogram, chains)) {
                Optional<String> reason = Consequences.ofHeap(c, named, siteClasses);
                if (reason.isPresent()) {
                    alsoGrew.add(c.asEvidence(reason.get()));
                } else if (!sampled) {
                    findings.add(c);
                } else if (ChainLookup.heldByApplication(c.heldBy())) {
                    // Counted exactly and held by the application's own code: a leak on that
                    // evidence, whatever the sampler saw of it.
                    findings.add(allocatedWhereHeld(c, last));
                } else {
                    unexplained.add(c);
                }
            }
        }
        Comparator<Finding> ranking = Comparator.comparingDouble(Finding::score).reversed()
                .thenComparing(Comparator.comparingLong(Finding::growth).reversed());
        findings.sort(ranking);
        alsoGrew.sort(ranking);
        unexplained.sort(ranking);
        return new LeakReport(snapshots.stream().map(Snapshot::time).toList(), findings, alsoGrew, unexplained, measured,
                List.copyOf(notes), criteria);
    }

    private List<Finding> threadFindings(List<Snapshot> snapshots) {
        int n = snapshots.size();
        // Threads with a known creating stack are grouped by it: a leaked pool's threads all
        // look alike idle, and only their creator says who leaked them.
        Map<ThreadGroup, long[]> counts = new LinkedHashMap<>();
        Map<ThreadGroup, Map<Stack, Long>> waitingNow = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (Map.Entry<ThreadKey, Long> e : snapshots.get(i).threads().entrySet()) {
                ThreadKey key = e.getKey();
                ThreadGroup group = key.createdBy().isUnknown()
                        ? new ThreadGroup(false, key.stack()) : new ThreadGroup(true, key.createdBy());
                counts.computeIfAbsent(group, g -> new long[n])[i] += e.getValue();
                if (i == n - 1 && group.byCreator() && !key.stack().isUnknown()) {
                    waitingNow.computeIfAbsent(group, g -> new HashMap<>()).merge(key.stack(), e.getValue(), Long::sum);
                }
            }
        }
        List<ThreadGroup> growing = counts.keySet().stream()
                .filter(g -> !g.stack().isUnknown() && criteria.grows(counts.get(g), criteria.minThreads())).toList();
        // A source that reports stacks and creators apart (goroutine and threadcreate) shows one
        // leak twice; a stack group that grew exactly like a creator group is where its threads wait.
        Map<ThreadGroup, Stack> pairedWaiting = new HashMap<>();
        Set<ThreadGroup> absorbed = new LinkedHashSet<>();
        for (ThreadGroup creator : growing) {
            if (!creator.byCreator() || waitingNow.containsKey(creator)) {
                continue;
            }
            for (ThreadGroup stack : growing) {
                if (!stack.byCreator() && !absorbed.contains(stack)
                        && java.util.Arrays.equals(deltas(counts.get(stack)), deltas(counts.get(creator)))) {
                    pairedWaiting.put(creator, stack.stack());
                    absorbed.add(stack);
                    break;
                }
            }
        }
        // Threads too young for their creator to be known yet (JFR's ThreadStart comes a moment
        // late) wait in the same stack as their leaking siblings: the same leak, not another.
        for (ThreadGroup stack : growing) {
            if (!stack.byCreator() && !absorbed.contains(stack) && growing.stream().anyMatch(creator -> creator.byCreator()
                    && waitingNow.getOrDefault(creator, Map.of()).containsKey(stack.stack()))) {
                absorbed.add(stack);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (ThreadGroup g : growing) {
            if (absorbed.contains(g)) {
                continue;
            }
            Stack createdBy = g.byCreator() ? g.stack() : Stack.UNKNOWN;
            Stack waiting = g.byCreator()
                    ? mostCommon(waitingNow.get(g)).orElse(pairedWaiting.getOrDefault(g, Stack.UNKNOWN))
                    : g.stack();
            long[] values = counts.get(g);
            String site = g.byCreator() ? describe(createdBy, "started by ") : describe(waiting, "waiting in ");
            out.add(new Finding(FindingKind.THREADS, site, values, new long[0], createdBy, waiting, Optional.empty(),
                    FixHint.forThreads(createdBy, waiting), score(values, 1),
                    criteria.judge(values, criteria.minThreads(), 0), ""));
        }
        return out;
    }

    /** @param classesOut filled with the classes each allocating method made, where the source names them */
    private List<Finding> siteFindings(List<Snapshot> snapshots, List<ReferenceChain> chains,
            Map<String, Set<String>> classesOut, Set<String> notes) {
        int n = snapshots.size();
        // A leak allocates from several stacks in one method (the entry, the map's node, the
        // value), so sites are grouped by the application method that allocated.
        Map<String, long[]> bytes = new LinkedHashMap<>();
        Map<String, long[]> objects = new HashMap<>();
        Map<String, long[]> madeBy = new HashMap<>();
        Map<String, Map<Stack, long[]>> stacks = new HashMap<>();
        boolean allocationsKnown = snapshots.stream().noneMatch(s -> s.allocatedBySite().isEmpty());
        for (int i = 0; i < n; i++) {
            for (Map.Entry<Stack, Long> e : snapshots.get(i).allocatedBySite().entrySet()) {
                Optional<Frame> frame = e.getKey().applicationFrame();
                if (frame.isPresent() && !frame.get().isPlatform()) {
                    madeBy.computeIfAbsent(frame.get().methodKey(), k -> new long[n])[i] += e.getValue();
                }
            }
            for (Map.Entry<Stack, Usage> e : snapshots.get(i).liveHeapBySite().entrySet()) {
                Optional<Frame> frame = e.getKey().applicationFrame();
                // A stack of JDK frames only was allocated by the JDK on its own threads (JFR's
                // parser, the HTTP client's selector): nothing the application can fix there.
                if (frame.isEmpty() || frame.get().isPlatform()) {
                    continue;
                }
                String key = frame.get().methodKey();
                bytes.computeIfAbsent(key, k -> new long[n])[i] += e.getValue().bytes();
                objects.computeIfAbsent(key, k -> new long[n])[i] += e.getValue().objects();
                stacks.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(e.getKey(), k -> new long[n])[i]
                        += e.getValue().bytes();
                String allocated = snapshots.get(i).siteClasses().get(e.getKey());
                if (allocated != null && !allocated.isEmpty()) {
                    classesOut.computeIfAbsent(key, k -> new HashSet<>()).add(allocated);
                }
            }
        }
        long period = snapshots.stream().mapToLong(Snapshot::heapSamplingPeriod).max().orElse(0);
        if (period <= 0) {
            period = LeakCriteria.SAMPLING_PERIOD;
        }
        // The agent's history counts old garbage until an old collection: there a rise must
        // show in a reading right after one (an older agent's history, without allocation
        // counts, is judged on the trend alone).
        boolean[] afterOld = new boolean[n];
        boolean oldGarbage = false;
        for (int i = 0; i < n; i++) {
            Snapshot.OldGarbage state = snapshots.get(i).oldGarbage();
            oldGarbage |= state != Snapshot.OldGarbage.COLLECTED;
            afterOld[i] = state == Snapshot.OldGarbage.COLLECTED_SINCE_PREVIOUS;
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : bytes.entrySet()) {
            long[] made = allocationsKnown ? madeBy.get(e.getKey()) : null;
            Trend trend = criteria.judge(e.getValue(), criteria.minBytes(), period, made);
            if (!trend.leak()) {
                continue;
            }
            if (oldGarbage && made != null
                    && !criteria.confirmedAfterOldCollection(e.getValue(), made, afterOld, criteria.minBytes(), period)) {
                notes.add("live heap by site: " + e.getKey() + " grew, but no reading right after an old-generation"
                        + " collection confirmed it (until one, a cache's evicted entries count as held); ask for a"
                        + " longer --since, or run the live hunt");
                continue;
            }
            List<Stack> grew = stacks.get(e.getKey()).entrySet().stream()
                    .filter(s -> s.getValue()[n - 1] > s.getValue()[0])
                    .sorted(Comparator.comparingLong((Map.Entry<Stack, long[]> s) -> s.getValue()[n - 1] - s.getValue()[0])
                            .reversed())
                    .map(Map.Entry::getKey).toList();
            if (grew.isEmpty()) {
                continue;
            }
            Stack top = grew.get(0);
            Optional<ReferenceChain> chain = chains.stream()
                    .filter(c -> c.allocatedAt().applicationFrame().map(Frame::methodKey).orElse("").equals(e.getKey()))
                    .findFirst();
            out.add(new Finding(FindingKind.LIVE_HEAP, top.applicationFrame().orElseThrow().toString(), e.getValue(),
                    objects.get(e.getKey()), top, Stack.UNKNOWN, chain, FixHint.forHeap(grew, "", chain),
                    score(e.getValue(), criteria.minBytes()), trend, ""));
        }
        return out;
    }

    private List<Finding> classFindings(List<Snapshot> snapshots, List<ReferenceChain> chains) {
        int n = snapshots.size();
        Map<String, long[]> bytes = new LinkedHashMap<>();
        Map<String, long[]> objects = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (Map.Entry<String, Usage> e : snapshots.get(i).heapByClass().entrySet()) {
                bytes.computeIfAbsent(e.getKey(), k -> new long[n])[i] += e.getValue().bytes();
                objects.computeIfAbsent(e.getKey(), k -> new long[n])[i] += e.getValue().objects();
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : bytes.entrySet()) {
            if (!criteria.grows(e.getValue(), criteria.minBytes())) {
                continue;
            }
            // Only a chain asked for the class as a whole; one credited to an allocation site is that site's.
            Optional<ReferenceChain> chain = chains.stream()
                    .filter(c -> c.target().equals(e.getKey()) && c.allocatedAt().isUnknown()).findFirst();
            List<Stack> allocated = chain.map(c -> List.of(c.allocatedAt())).orElse(List.of());
            out.add(new Finding(FindingKind.HEAP_CLASS, e.getKey(), e.getValue(), objects.get(e.getKey()),
                    chain.map(ReferenceChain::allocatedAt).orElse(Stack.UNKNOWN), Stack.UNKNOWN, chain,
                    FixHint.forHeap(allocated, e.getKey(), chain), score(e.getValue(), criteria.minBytes()),
                    criteria.judge(e.getValue(), criteria.minBytes(), 0), ""));
        }
        return out;
    }

    /**
     * A class finding with the sampler's site that allocated its objects where the chain holds
     * them: a live site of that class in the code of a class the chain passes through (the
     * largest one now), however few samples it has; unchanged when the sampler saw none.
     */
    private static Finding allocatedWhereHeld(Finding c, Snapshot last) {
        ReferenceChain chain = c.heldBy().orElseThrow();
        Stack best = Stack.UNKNOWN;
        long bestBytes = -1;
        for (Map.Entry<Stack, Usage> e : last.liveHeapBySite().entrySet()) {
            Optional<Frame> frame = e.getKey().applicationFrame();
            if (!c.site().equals(last.siteClasses().get(e.getKey())) || frame.isEmpty() || frame.get().isPlatform()
                    || e.getValue().bytes() <= bestBytes) {
                continue;
            }
            if (ChainLookup.applicationClasses(e.getKey()).stream().anyMatch(owner -> ChainLookup.passesThrough(chain, owner))) {
                best = e.getKey();
                bestBytes = e.getValue().bytes();
            }
        }
        if (best.isUnknown()) {
            return c;
        }
        return new Finding(c.kind(), c.site(), c.values(), c.objects(), best, c.waitingIn(), c.heldBy(),
                FixHint.forHeap(List.of(best), c.site(), c.heldBy()), c.score(), c.trend(), c.explainedBy());
    }

    /** Growth over the judged rounds relative to where they started (floored, so 0 → x ranks finitely). */
    private double score(long[] values, long floor) {
        int from = criteria.firstJudged(values.length);
        long base = Math.max(values[from], floor);
        return (double) (values[values.length - 1] - values[from]) / base;
    }

    private static long[] deltas(long[] values) {
        long[] d = new long[values.length - 1];
        for (int i = 1; i < values.length; i++) {
            d[i - 1] = values[i] - values[i - 1];
        }
        return d;
    }

    private static Optional<Stack> mostCommon(Map<Stack, Long> stacks) {
        if (stacks == null) {
            return Optional.empty();
        }
        return stacks.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** "started by RpcClient.<init> (RpcClient.java:31) from OrderHandler.handle (…)". */
    private static String describe(Stack stack, String prefix) {
        Frame frame = stack.applicationFrame().orElseThrow();
        return prefix + frame + stack.applicationCaller().map(c -> " from " + c).orElse("");
    }

    /** Threads counted together: by creating stack when known, else by their own stack. */
    private record ThreadGroup(boolean byCreator, Stack stack) {
    }
}
