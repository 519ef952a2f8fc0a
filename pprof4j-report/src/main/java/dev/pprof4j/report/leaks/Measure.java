package dev.pprof4j.report.leaks;

/** What a snapshot can measure. A source that lacks one says so and the hunt goes on without it. */
public enum Measure {
    /** Live threads by stack and creating stack (goroutine, threadcreate). */
    THREADS("threads"),
    /** In-use heap by allocation site, from a live-heap sampler (heap's inuse_space). */
    LIVE_HEAP_BY_SITE("live heap by allocation site"),
    /** Exact live heap by class, from a class histogram taken after a full GC. */
    HEAP_BY_CLASS("heap by class"),
    /** Paths from GC roots to retained objects. */
    REFERENCE_CHAINS("reference chains");

    private final String label;

    Measure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
