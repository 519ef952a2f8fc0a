package dev.pprof4j.runtime.collect.cpu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code go tool pprof -top -sample_index=samples} output: cumulative counts and the duration. */
final class PprofTop {
    private static final Pattern DURATION = Pattern.compile("Duration: ([0-9.]+)(ms|s|mins|hrs)");

    private final String text;

    PprofTop(String text) {
        this.text = text;
    }

    /** The cum column of the row whose function name is exactly {@code function}; 0 when absent. */
    long cum(String function) {
        return column(function, 3);
    }

    /** The flat column of the row whose function name is exactly {@code function}; 0 when absent. */
    long flat(String function) {
        return column(function, 0);
    }

    private long column(String function, int column) {
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[5].equals(function)) {
                return parseCount(f[column]);
            }
        }
        return 0;
    }

    /** The profile's duration as pprof prints it (two decimals: good to 10 ms). */
    long durationNanos() {
        Matcher m = DURATION.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no Duration in pprof output:\n" + text);
        }
        double value = Double.parseDouble(m.group(1));
        double unit = switch (m.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "mins" -> 60e9;
            default -> 3600e9;
        };
        return (long) (value * unit);
    }

    private static long parseCount(String s) {
        double scale = 1;
        if (s.endsWith("k")) {
            scale = 1e3;
            s = s.substring(0, s.length() - 1);
        }
        return Math.round(Double.parseDouble(s) * scale);
    }

    @Override
    public String toString() {
        return text;
    }
}
