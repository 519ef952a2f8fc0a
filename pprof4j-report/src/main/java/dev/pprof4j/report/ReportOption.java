package dev.pprof4j.report;

import java.util.List;

/**
 * One setting of a report, as a row of google/pprof's {@code config} table
 * ({@code internal/driver/config.go}): its name (the command line's {@code -name}, the
 * shell's {@code name=value}), what kind of value it takes, its default, the web UI's URL
 * parameter ({@code null} where pprof keeps it out of URLs), and its help. A
 * {@link Kind#CHOICE} option is a group of switches of which one is set: {@code sort} is
 * {@code -cum} or {@code -flat}, {@code granularity} is {@code -functions}, {@code -lines}...
 *
 * @param help the one-line help, then optional lines of detail (shell's {@code help NAME})
 */
public record ReportOption(String name, Kind kind, String defaultValue, List<String> choices, String urlParam,
        String group, List<String> help) {

    /** How a value is read and checked. */
    public enum Kind {
        BOOL, INT, FLOAT, STRING, REGEX, CHOICE
    }

    /** Whether the option is set without a value on the command line ({@code -noinlines}, {@code -cum}). */
    public boolean isSwitch() {
        return kind == Kind.BOOL;
    }

    /** The one-line help. */
    public String summary() {
        return help.get(0);
    }

    /** The label of its value in usage text ({@code RE}, {@code N}, ...), null for a switch. */
    public String label() {
        return switch (kind) {
            case BOOL, CHOICE -> null;
            case INT -> "N";
            case FLOAT -> "F";
            case REGEX -> "RE";
            case STRING -> switch (name) {
                case "unit" -> "UNIT";
                case "tagroot", "tagleaf" -> "KEYS";
                case "source_path", "trim_path" -> "PATHS";
                default -> name.startsWith("tag") ? "TAG" : "VALUE";
            };
        };
    }

    /**
     * The value {@code value} stands for, checked: a bool is true or false, a number parses,
     * a regex compiles, a choice is one of its choices.
     *
     * @throws IllegalArgumentException naming the option and what it takes
     */
    public String check(String value) {
        return check(value, name);
    }

    /** As {@link #check(String)}, naming the option {@code shown} in messages (the command line's {@code -name}). */
    public String check(String value, String shown) {
        String v = value.strip();
        switch (kind) {
            case BOOL -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(shown + " takes true or false, not '" + value + "'");
                }
            }
            case INT -> {
                try {
                    Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid value for " + shown + ": '" + value
                            + "' is not a whole number (32 bits)", e);
                }
            }
            case FLOAT -> {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid value for " + shown + ": '" + value + "' is not a number", e);
                }
            }
            case REGEX -> {
                Reports.regex(shown.replaceFirst("^-", ""), value);
                return value;
            }
            case CHOICE -> {
                if (!choices.contains(v)) {
                    throw new IllegalArgumentException("invalid value for " + shown + ": '" + value + "', want one of "
                            + String.join(", ", choices));
                }
            }
            case STRING -> {
                return value;
            }
        }
        return v;
    }
}
