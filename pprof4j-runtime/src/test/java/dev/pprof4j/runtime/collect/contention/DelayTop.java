package dev.pprof4j.runtime.collect.contention;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code go tool pprof -top -sample_index=delay} output: cumulative delays by function. */
final class DelayTop {
    private static final Pattern VALUE = Pattern.compile("([0-9.]+)(ns|us|µs|ms|s|mins|hrs)?");
    private static final Pattern TOTAL = Pattern.compile("of ([0-9.]+(?:ns|us|µs|ms|s|mins|hrs)?) total");

    final String text;

    DelayTop(String text) {
        this.text = text;
    }

    /** The cum column, in nanoseconds, of the row whose function name is exactly {@code function}; 0 when absent. */
    long cumNanos(String function) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length == 6 && f[5].equals(function)) {
                return nanos(f[3]);
            }
        }
        return 0;
    }

    /** The profile's total delay in nanoseconds ({@code ... of X total}). */
    long totalNanos() {
        Matcher m = TOTAL.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no total in pprof output:\n" + text);
        }
        return nanos(m.group(1));
    }

    static long nanos(String value) {
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            throw new AssertionError("not a pprof duration: " + value);
        }
        double unit = switch (m.group(2) == null ? "ns" : m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "mins" -> 60e9;
            default -> 3600e9;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unit);
    }
}
