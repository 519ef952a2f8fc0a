package dev.pprof4j.report.leaks;

/** Live objects and the bytes they occupy: one cell of a heap profile or class histogram. */
public record Usage(long objects, long bytes) {
    public static final Usage ZERO = new Usage(0, 0);

    public Usage plus(Usage other) {
        return new Usage(objects + other.objects, bytes + other.bytes);
    }
}
