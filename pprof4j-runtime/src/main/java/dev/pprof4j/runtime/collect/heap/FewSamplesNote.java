package dev.pprof4j.runtime.collect.heap;

import java.util.Comparator;
import java.util.List;

/**
 * The profile's statement of which sites stand on few samples. A site estimated from n samples
 * is off by about 1/sqrt(n) by chance alone (32 % at 10, 100 % at 1), and nothing in its value
 * says so; a raised interval (the CPU budget, a large {@code memprofilerate}) makes such sites
 * common. The note names the largest of them with their counts, as a comment rather than a
 * label, since a label whose value changes each scrape would make a new series for tools that
 * key samples by their labels (docs/FLEET.md).
 */
final class FewSamplesNote {
    /** Fewer samples than this and a site's estimate is off by more than 30 % at one sigma. */
    static final int FEW = 10;
    /** Sites named in the note, largest first; the rest are counted. */
    static final int NAMED = 10;

    private FewSamplesNote() {
    }

    /** {@code ""} when every site has at least {@link #FEW} samples, else a clause for the comment. */
    static String of(List<HeapSite> sites) {
        List<HeapSite> few = sites.stream()
                .filter(s -> s.allocSamples() > 0 && s.allocSamples() < FEW)
                .sorted(Comparator.comparingLong(HeapSite::inuseSpace).thenComparingLong(HeapSite::allocSpace).reversed())
                .toList();
        if (few.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("; ").append(few.size()).append(" of ").append(sites.size())
                .append(" sites stand on fewer than ").append(FEW)
                .append(" samples each (an estimate from n samples is off by about 1/sqrt(n)); the largest: ");
        for (int i = 0; i < Math.min(NAMED, few.size()); i++) {
            HeapSite s = few.get(i);
            b.append(i == 0 ? "" : ", ").append(s.leafFunction()).append(' ').append(s.className()).append(' ')
                    .append(s.allocSamples()).append(s.allocSamples() == 1 ? " sample" : " samples")
                    .append(" (").append(s.liveSamples()).append(" held)");
        }
        if (few.size() > NAMED) {
            b.append(", and ").append(few.size() - NAMED).append(" more");
        }
        return b.toString();
    }
}
