package dev.pprof4j.report.leaks.detect;

import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Usage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exact heap by class against the heap sampler's estimate of a site. Where every snapshot
 * holds a class histogram (a live hunt: each round's histogram follows a full GC, so it counts
 * live objects exactly) and names every class the site allocated, a site cannot have leaked
 * more than those classes grew: if their exact bytes together are no leak by the same
 * criterion, the site's rise is the sampler's, not the heap's.
 *
 * <p>Found on real processes (docs/LEAKS.md): a JVM whose bounded cache filled in two rounds
 * and then stayed at 26 MiB of {@code byte[]} by the histogram, while the sampler's estimate of
 * the caching method climbed from 7 to 18 MB over the rounds. On JDK 17 with a small young
 * generation the fast fill was sampled below its truth (allocations outside TLABs), and each
 * entry that replaced one was sampled closer to it, so the estimate rose toward the truth as
 * the cache turned over: growth of the estimate, none of the heap.
 */
final class ExactHeapCheck {
    private ExactHeapCheck() {
    }

    /**
     * Why the site's growth is not the heap's, when the exact histograms say so; empty when they
     * agree, or cannot say (a snapshot without a histogram, a class of the site missing from one).
     *
     * @param method the site's allocating method, for the note
     * @param classes the classes the site allocated (the sampler's {@code object} labels)
     */
    static Optional<String> contradicts(String method, Set<String> classes, List<Snapshot> snapshots, LeakCriteria criteria) {
        if (classes == null || classes.isEmpty()) {
            return Optional.empty();
        }
        long[] exact = new long[snapshots.size()];
        for (int i = 0; i < exact.length; i++) {
            Snapshot s = snapshots.get(i);
            if (!s.has(Measure.HEAP_BY_CLASS)) {
                return Optional.empty();
            }
            for (String c : classes) {
                Usage usage = s.heapByClass().get(c);
                if (usage == null) {
                    return Optional.empty();
                }
                exact[i] += usage.bytes();
            }
        }
        if (criteria.grows(exact, criteria.minBytes())) {
            return Optional.empty();
        }
        return Optional.of("live heap by site: " + method + "'s estimate grew, but the exact heap of what it allocates ("
                + String.join(", ", new TreeSet<>(classes)) + ", by the class histograms) did not grow as a"
                + " leak: the sampler's estimate moved, not the heap");
    }
}
