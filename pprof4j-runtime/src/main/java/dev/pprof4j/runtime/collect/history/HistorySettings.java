package dev.pprof4j.runtime.collect.history;

import java.time.Duration;

/**
 * The snapshot history's settings, from the agent's {@code history=<interval>} (Go duration;
 * default {@code 1m}; {@code 0} turns the history off), {@code historysize=<n>} (snapshots kept;
 * default 60), {@code historybytes} and {@code historyhistograms=on|off} (default off) options
 * (parsed by {@code dev.pprof4j.runtime.agent.AgentOptionTable}; {@code AgentOptions.history()}
 * builds these).
 *
 * <p>Class histograms are off by default because each one is a stop-the-world full GC and a
 * heap walk, about a second per GB of heap in use: even at the history's bounded duty cycle
 * that is a pause a latency-sensitive service would notice every few minutes, and the agent
 * must not be noticed. With them off the ring still holds threads, live heap by allocation
 * site (the sampler's samples, no pause) and the memstats numbers; {@code heap?debug=1}
 * still takes a histogram on request.
 */
public record HistorySettings(Duration interval, int size, boolean histograms, long maxBytes) {
    /**
     * The ring's memory cap ({@code historybytes}): past it the oldest snapshots are dropped,
     * whatever {@code historysize} allows (a snapshot of a service with thousands of threads
     * can take tens of kilobytes, and 10 000 of them would hold hundreds of megabytes).
     */
    public static final long DEFAULT_BYTES = 16L << 20;
    public static final long MIN_BYTES = 64L << 10;
    public static final long MAX_BYTES = 4L << 30;

    public HistorySettings(Duration interval, int size, boolean histograms) {
        this(interval, size, histograms, DEFAULT_BYTES);
    }

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_SIZE = 60;
    /** Below a second the history would cost the host more than it tells. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    public static final int MAX_SIZE = 10_000;

    public static final HistorySettings OFF = new HistorySettings(Duration.ZERO, 0, false, 0);

    /** {@code historybytes=16MiB}: bytes, or with K/KiB/KB, M/MiB/MB, G/GiB/GB (all powers of 1024). */
    public static long bytes(String text) {
        if (text == null) {
            return DEFAULT_BYTES;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d{1,12})\\s*(([kmg])(i?b)?|b)?\\s*")
                .matcher(text);
        if (m.matches()) {
            long value = Long.parseLong(m.group(1));
            String unit = m.group(3) == null ? "" : m.group(3).toLowerCase(java.util.Locale.ROOT);
            int shift = switch (unit) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            if (value <= (MAX_BYTES >> shift)) {
                long bytes = value << shift;
                if (bytes >= MIN_BYTES) {
                    return bytes;
                }
            }
        }
        throw new IllegalArgumentException("historybytes=" + text + " is not a size from 64KiB to 4GiB, e.g. 16MiB"
                + " (default 16MiB)");
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
