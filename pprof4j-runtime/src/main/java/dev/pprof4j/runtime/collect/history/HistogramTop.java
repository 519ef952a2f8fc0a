package dev.pprof4j.runtime.collect.history;

/**
 * The class histogram's largest entries at one tick (exact live heap by class, after the
 * full GC that {@code GC.class_histogram} runs), or none when the tick skipped it to keep
 * within its stop-the-world budget.
 */
final class HistogramTop {
    final String[] classes;
    final long[] instances;
    final long[] bytes;
    final long totalBytes;

    HistogramTop(String[] classes, long[] instances, long[] bytes, long totalBytes) {
        this.classes = classes;
        this.instances = instances;
        this.bytes = bytes;
        this.totalBytes = totalBytes;
    }

    long ownBytes() {
        return 32 + Interner.align(16 + 4L * classes.length) + 2 * (16 + 8L * classes.length);
    }
}
