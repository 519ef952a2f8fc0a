package dev.pprof4j.protocol;

import java.time.Duration;

/**
 * Go's duration syntax, read strictly as {@code time.ParseDuration} reads it and printed as
 * {@code time.Duration.String()} prints it, so that a value means and reads the same in the
 * agent's options, its endpoints' parameters and the command line.
 *
 * <p>Reading: an optional sign, then one or more decimal numbers each with a unit ({@code ns},
 * {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), e.g. {@code 90s},
 * {@code 1m30s}, {@code 1.5h}; a bare {@code 0} is zero. Anything else (a number without a unit,
 * spaces, {@code 1d}) is refused, so {@code since=10} cannot silently mean ten nanoseconds or ten
 * minutes.
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

    /** Go's {@code time.Duration.String()}: {@code 1h2m3s}, {@code 1.5s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration duration) {
        return format(duration.toNanos());
    }

    /** Go's {@code time.Duration.String()} of {@code nanos} nanoseconds. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        // Long.MIN_VALUE has no positive twin; Go prints it, but no duration of ours is that long.
        long u = Math.abs(nanos);
        String s;
        if (u < 1_000_000_000L) {
            if (u < 1_000) {
                s = u + "ns";
            } else if (u < 1_000_000) {
                s = decimal(u, 3) + "µs";
            } else {
                s = decimal(u, 6) + "ms";
            }
        } else {
            String seconds = decimal(u, 9);
            String fraction = seconds.contains(".") ? seconds.substring(seconds.indexOf('.')) : "";
            long whole = u / 1_000_000_000L;
            long minutes = whole / 60;
            StringBuilder out = new StringBuilder();
            if (minutes > 0) {
                if (minutes >= 60) {
                    out.append(minutes / 60).append('h');
                }
                out.append(minutes % 60).append('m');
            }
            s = out.append(whole % 60).append(fraction).append('s').toString();
        }
        return nanos < 0 ? "-" + s : s;
    }

    /** {@code value / 10^digits} with the fraction's trailing zeros dropped. */
    private static String decimal(long value, int digits) {
        long pow = 1;
        for (int i = 0; i < digits; i++) {
            pow *= 10;
        }
        long fraction = value % pow;
        if (fraction == 0) {
            return Long.toString(value / pow);
        }
        StringBuilder f = new StringBuilder(Long.toString(fraction));
        while (f.length() < digits) {
            f.insert(0, '0');
        }
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return value / pow + "." + f.substring(0, end);
    }
}
