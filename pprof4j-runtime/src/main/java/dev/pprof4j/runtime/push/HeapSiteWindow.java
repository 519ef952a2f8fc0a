package dev.pprof4j.runtime.push;

import dev.pprof4j.runtime.collect.heap.HeapSite;
import dev.pprof4j.runtime.collect.heap.HeapSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory window straight from the heap sampler's site table: each site's allocation
 * estimates minus what they were at the previous window, its in-use values as they are
 * (godeltaprof's contract). The sampler's sites are append-only, so a site's index names it
 * for the life of the process; keeping the previous allocation totals by index (two longs a
 * site) replaces building, copying and merging two whole profiles a window. Sites that neither
 * allocated in the window nor hold live samples drop out before any profile is built.
 *
 * <p>A total that went down (the table was reset) counts as restarted: its window is its new
 * value. The raw sample counts stay the site's totals, so the {@code bytes} label
 * ({@link dev.pprof4j.runtime.collect.heap.HeapProfiles}) is the site's in every window.
 */
final class HeapSiteWindow {
    private long[] previous = new long[0];

    /** The window since the previous call (the first call: everything since the sampler started). */
    HeapSnapshot next(HeapSnapshot now) {
        List<HeapSite> sites = now.sites();
        long[] totals = new long[2 * sites.size()];
        List<HeapSite> window = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            HeapSite site = sites.get(i);
            totals[2 * i] = site.allocObjects();
            totals[2 * i + 1] = site.allocSpace();
            long objects = site.allocObjects();
            long space = site.allocSpace();
            if (2 * i + 1 < previous.length && objects >= previous[2 * i] && space >= previous[2 * i + 1]) {
                objects -= previous[2 * i];
                space -= previous[2 * i + 1];
            }
            if (objects != 0 || space != 0 || site.inuseObjects() != 0 || site.inuseSpace() != 0) {
                window.add(new HeapSite(site.stack(), site.className(), objects, space, site.inuseObjects(),
                        site.inuseSpace(), site.allocSamples(), site.allocSampleBytes(), site.liveSamples(),
                        site.liveSampleBytes()));
            }
        }
        previous = totals;
        return new HeapSnapshot(now.rate(), now.budget(), now.timeNanos(), window, now.stats(), now.collections());
    }

    /** Longs held between windows, for tests of the bound: two per site. */
    int heldLongs() {
        return previous.length;
    }
}
