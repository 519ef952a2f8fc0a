package dev.pprof4j.runtime.collect.history;

import java.time.Duration;

/**
 * Go's duration syntax, strictly as {@code time.ParseDuration} reads it: an optional sign,
 * then one or more decimal numbers each with a unit ({@code ns}, {@code us}/{@code µs},
 * {@code ms}, {@code s}, {@code m}, {@code h}), e.g. {@code 90s}, {@code 1m30s}, {@code 1.5h};
 * a bare {@code 0} is zero. Anything else (a number without a unit, spaces, {@code 1d}) is
 * refused, so {@code since=10} cannot silently mean ten nanoseconds or ten minutes.
 */
public final class GoDurations {
    private GoDurations() {
    }

    /**
     * @throws IllegalArgumentException with a one-line reason naming the text and Go's syntax
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw invalid("");
        }
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        double total = 0;
        int at = 0;
        while (at < s.length()) {
            int start = at;
            boolean digits = false;
            while (at < s.length() && Character.isDigit(s.charAt(at))) {
                at++;
                digits = true;
            }
            if (at < s.length() && s.charAt(at) == '.') {
                at++;
                while (at < s.length() && Character.isDigit(s.charAt(at))) {
                    at++;
                    digits = true;
                }
            }
            if (!digits) {
                throw invalid(text);
            }
            double number = Double.parseDouble(s.substring(start, at));
            int unitStart = at;
            while (at < s.length() && !Character.isDigit(s.charAt(at)) && s.charAt(at) != '.') {
                at++;
            }
            String unit = s.substring(unitStart, at);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": missing unit;"
                        + " use Go's syntax, e.g. 90s, 10m, 1h");
            }
            total += number * unitNanos(unit, text);
        }
        if (total > Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": too long");
        }
        long nanos = Math.round(total);
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static double unitNanos(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs", "μs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException("invalid duration \"" + text + "\": unknown unit \""
                    + unit + "\"; use Go's syntax with ns, us, ms, s, m or h, e.g. 90s, 10m, 1h");
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": use Go's syntax, e.g. 90s, 10m, 1h");
    }

    /** Go's {@code Duration.String()} to the second or millisecond: {@code 1h2m3s}, {@code 1.5s}, {@code 0s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (millis < 0) {
            out.append('-');
            millis = -millis;
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long ms = millis % 60_000;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(ms / 1000);
        if (ms % 1000 != 0) {
            String frac = String.format(java.util.Locale.ROOT, "%03d", ms % 1000).replaceAll("0+$", "");
            out.append('.').append(frac);
        }
        return out.append('s').toString();
    }
}
