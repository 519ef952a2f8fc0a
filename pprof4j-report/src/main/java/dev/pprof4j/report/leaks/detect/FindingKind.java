package dev.pprof4j.report.leaks.detect;

/** What kind of thing grew. */
public enum FindingKind {
    /** Live threads, named after the stack that started them (or, unknown that, where they wait). */
    THREADS("threads", "threads"),
    /** In-use heap at an allocation site, from the live-heap sampler. */
    LIVE_HEAP("live heap", "bytes"),
    /** Exact live heap of one class, from the class histogram. */
    HEAP_CLASS("heap by class", "bytes");

    private final String label;
    private final String unit;

    FindingKind(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }
}
