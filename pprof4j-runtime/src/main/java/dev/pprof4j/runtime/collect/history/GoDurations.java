package dev.pprof4j.runtime.collect.history;

import java.time.Duration;

/**
 * Go's duration syntax for the runtime's callers; the one owner is
 * {@link dev.pprof4j.protocol.GoDurations}, which the command line reads with too.
 */
public final class GoDurations {
    private GoDurations() {
    }

    /**
     * @throws IllegalArgumentException with a one-line reason naming the text and Go's syntax
     */
    public static Duration parse(String text) {
        return dev.pprof4j.protocol.GoDurations.parse(text);
    }

    /** Go's {@code time.Duration.String()}: {@code 1h2m3s}, {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration duration) {
        return dev.pprof4j.protocol.GoDurations.format(duration);
    }
}
