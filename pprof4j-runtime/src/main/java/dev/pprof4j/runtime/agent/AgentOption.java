package dev.pprof4j.runtime.agent;

import dev.pprof4j.protocol.GoDurations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One agent option: its name, the type of value it takes (as the docs say it), its default
 * (as the docs say it, and as a value), the parser that turns a text into that value or refuses
 * it with one line naming the option, and the help the docs show. {@link AgentOptionTable}
 * lists every option; docs/RUNTIME.md's table is generated from it.
 *
 * @param <T> the parsed value's type
 */
public record AgentOption<T>(String name, String type, String defaultText, T defaultValue, Function<String, T> parser,
        String help) {
    /**
     * The value of {@code text}.
     *
     * @throws IllegalArgumentException with one line that starts with {@code name=text}
     */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** Free text, checked (if at all) with the options it goes with. */
    static AgentOption<String> text(String name, String type, String defaultText, String help) {
        return new AgentOption<>(name, type, defaultText, null, text -> text, help);
    }

    /** A whole number from {@code min} to {@code max}; {@code what} is the refusal's noun ("a number of snapshots"). */
    static AgentOption<Integer> integer(String name, String what, int min, int max, int defaultValue, String suffix,
            String help) {
        String type = "integer, " + min + "–" + max;
        return new AgentOption<>(name, type, Integer.toString(defaultValue), defaultValue, text -> {
            try {
                int value = Integer.parseInt(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(name + "=" + text + " is not " + what + " from " + min + " to " + max
                    + suffix);
        }, help);
    }

    /** A whole number from 0 to {@code max}, whose refusal says what it means. */
    static AgentOption<Long> count(String name, long max, long defaultValue, String meaning, String help) {
        String type = "integer, 0–" + (max == Integer.MAX_VALUE ? "2³¹−1" : max == Long.MAX_VALUE ? "2⁶³−1" : max);
        return new AgentOption<>(name, type, Long.toString(defaultValue), defaultValue, text -> {
            try {
                long value = Long.parseLong(text.trim());
                if (value >= 0 && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(name + "=" + text + " is not a whole number from 0: " + meaning);
        }, help);
    }

    /**
     * A per cent ({@code 5} or {@code 5%}) as a share (0.05), within {@code (min, max]} or
     * {@code [min, max]}; {@code refusal} follows {@code name=text is not}.
     */
    static AgentOption<Double> percent(String name, double min, boolean minIncluded, double max, String defaultText,
            String refusal, String help) {
        Function<String, Double> parser = text -> {
            String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text.trim();
            try {
                double percent = Double.parseDouble(number);
                if ((minIncluded ? percent >= min : percent > min) && percent <= max) {
                    return percent / 100;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException(name + "=" + text + " is not " + refusal);
        };
        String type = "per cent, " + (minIncluded ? "" : ">") + trim(min) + "–" + trim(max);
        return new AgentOption<>(name, type, defaultText, parser.apply(defaultText), parser, help);
    }

    /** One of {@code choices}, case-insensitive, given back in lower case. */
    static AgentOption<String> oneOf(String name, List<String> choices, String defaultValue, String refusal,
            String help) {
        return new AgentOption<>(name, String.join(" \\| ", choices), defaultValue, defaultValue, text -> {
            String choice = text.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(choice)) {
                throw new IllegalArgumentException(name + "=" + text + refusal);
            }
            return choice;
        }, help);
    }

    /**
     * A Go duration ({@code 1m}, {@code 1m30s}) from {@code min} to {@code max}; 0 too when
     * {@code zeroTurnsOff}. {@code parseHint} follows Go's syntax error, {@code rangeRefusal}
     * follows {@code name=text}.
     */
    static AgentOption<Duration> duration(String name, String defaultText, Duration min, Duration max,
            boolean zeroTurnsOff, String parseHint, String rangeRefusal, String help) {
        Function<String, Duration> parser = text -> {
            Duration value;
            try {
                value = GoDurations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + "=" + text + ": " + e.getMessage() + parseHint);
            }
            if ((!zeroTurnsOff || !value.isZero()) && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
                throw new IllegalArgumentException(name + "=" + text + rangeRefusal);
            }
            return value;
        };
        String type = "Go duration, " + shortDuration(min) + "–" + shortDuration(max)
                + (zeroTurnsOff ? ", or 0" : "");
        return new AgentOption<>(name, type, defaultText, parser.apply(defaultText), parser, help);
    }

    /** {@code 24h} where Go prints {@code 24h0m0s}. */
    private static String shortDuration(Duration duration) {
        return GoDurations.format(duration).replaceAll("(?<=[hm])0s$", "").replaceAll("(?<=h)0m$", "");
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
