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
     * One answer: the paths (targets {@code className}, allocation site unknown) and whether
     * the walk stopped at its object bound before reaching everything.
     */
    record Retainers(String className, boolean partial, List<ReferenceChain> paths) {
        public Retainers {
            paths = List.copyOf(paths);
        }
    }
}
