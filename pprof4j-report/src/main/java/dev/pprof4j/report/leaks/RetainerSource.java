package dev.pprof4j.report.leaks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Who holds the live objects of a class: the chains from GC roots to them, grouped by shape,
 * largest first (an agent's {@code /debug/pprof/heap/retainers}). Each answer walks the heap,
 * so the hunt asks only about the few classes that grew most, once, after its rounds.
 */
public interface RetainerSource {
    /**
     * @param className the class, Java form ({@code byte[]}, {@code com.example.Entry})
     * @param timeout how long the walk may take before the hunt gives up on it
     * @throws IOException when the source can't answer; the message says why, for the report
     */
    Retainers retainers(String className, Duration timeout) throws IOException;

    /**
     * Who holds what one allocation site allocated: the walk's targets are the heap sampler's
     * live sampled objects of the sites with a frame matching {@code siteRegex}, so no chain
     * has to be matched to the site by inference. The paths' {@code objects} are 0 (the agent
     * counts samples, not objects) and their {@code bytes} are the samples' scaled estimate.
     *
     * @throws IOException when the source can't answer by site (an older agent, no sampler, no
     *     live sampled object there); the hunt then asks by class
     */
    default Retainers retainersOfSite(String siteRegex, String className, Duration timeout) throws IOException {
        throw new IOException("retainers by allocation site are not available from this source");
    }

    /**
     * One answer: the paths (targets {@code className}, allocation site unknown) and whether
     * the walk stopped at its object bound before reaching everything.
     */
    record Retainers(String className, boolean partial, List<ReferenceChain> paths) {
        public Retainers {
            paths = List.copyOf(paths);
        }
    }
}
