package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.FrameAddresses;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.build.CumulativeDelta;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * godeltaprof's endpoints, {@code /debug/pprof/delta_heap}, {@code delta_block} and
 * {@code delta_mutex}, which Grafana Alloy offers as optional targets: each answer is what the
 * cumulative profile gained since the previous answer (in-use values as they are).
 *
 * <p>godeltaprof keeps one baseline per process, so two scrapers split the deltas between them.
 * Here each scraper has its own, keyed by its address (IP, not port: a scraper opens new
 * connections) and User-Agent, so two Alloys or an Alloy and a Parca each see every
 * allocation once. At most {@link #MAX_SCRAPERS} baselines per profile are kept; a scraper
 * beyond that displaces the least recently seen one, which on its next scrape gets everything
 * since pprof4j started, as on its first.
 */
final class DeltaEndpoint {
    /** Scrapers per profile; a baseline holds about 120 bytes per sample of the last answer. */
    static final int MAX_SCRAPERS = 4;

    private final Profiles profiles;
    private final FrameAddresses addresses;
    private final long startEpochNanos;
    /** Per profile name, the scrapers' baselines, least recently seen first. */
    private final Map<String, Map<String, CumulativeDelta>> baselines = new HashMap<>();

    DeltaEndpoint(Profiles profiles, FrameAddresses addresses, long startEpochNanos) {
        this.profiles = profiles;
        this.addresses = addresses;
        this.startEpochNanos = startEpochNanos;
    }

    /** The index page's lines for the delta profiles. */
    static List<IndexPage.Entry> indexEntries(Profiles profiles) {
        return List.of(
                new IndexPage.Entry("delta_heap", "godeltaprof's heap: allocations since this scraper's previous call"
                        + " (alloc_objects, alloc_space) and memory in use now (inuse_objects, inuse_space), for"
                        + " Grafana Alloy's godeltaprof_memory target", -1, profiles.engine("heap")),
                new IndexPage.Entry("delta_block", "godeltaprof's block: contentions and delay since this scraper's"
                        + " previous call, for Alloy's godeltaprof_block target", -1, profiles.engine("block")),
                new IndexPage.Entry("delta_mutex", "godeltaprof's mutex: contentions and delay since this scraper's"
                        + " previous call, for Alloy's godeltaprof_mutex target", -1, profiles.engine("mutex")));
    }

    void serve(String name, PprofRequest request) throws IOException, HttpError, CollectorUnavailableException {
        if (request.has("seconds")) {
            throw HttpError.badRequest(name + " answers the change since this scraper's previous call; it takes"
                    + " no seconds parameter");
        }
        String source = name.substring("delta_".length());
        Profile cumulative = addresses.assign(profiles.get(source).collect().collect(request));
        boolean[] counters = new boolean[cumulative.sampleTypes.size()];
        for (int i = 0; i < counters.length; i++) {
            // in-use values are a level, not a count: served as they are, as godeltaprof does
            counters[i] = !cumulative.sampleTypes.get(i).type().startsWith("inuse_");
        }
        if (source.equals("heap")) {
            cumulative.periodType = new ValueType("space", "bytes");
        }
        CumulativeDelta baseline = baseline(name, request);
        Profile delta;
        synchronized (baseline) {
            delta = baseline.next(cumulative, counters, System.currentTimeMillis() * 1_000_000L);
        }
        delta.comments.add(name + ": the change since this scraper's previous call (per scraper: address and"
                + " User-Agent); in-use values absolute");
        request.sendAttachment(name, ProfileEncoder.toGzipBytes(delta));
    }

    private CumulativeDelta baseline(String name, PprofRequest request) {
        String agent = request.exchange().getRequestHeaders().getFirst("User-Agent");
        String scraper = request.exchange().getRemoteAddress().getAddress().getHostAddress() + " "
                + (agent == null ? "" : agent);
        synchronized (baselines) {
            return baselines.computeIfAbsent(name, n -> new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CumulativeDelta> eldest) {
                    return size() > MAX_SCRAPERS;
                }
            }).computeIfAbsent(scraper, key -> new CumulativeDelta(startEpochNanos));
        }
    }
}
