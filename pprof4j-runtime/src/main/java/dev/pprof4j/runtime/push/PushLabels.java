package dev.pprof4j.runtime.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The agent's {@code labels=} option: {@code name:value} pairs separated by {@code ;}, e.g.
 * {@code labels=env:prod;region:eu-west-1}, a form that fits inside the agent's own
 * comma-separated option list. Names follow Prometheus' label rules (Pyroscope validates them
 * so); names starting with {@code __} and {@code service_name} are Pyroscope's own (set by
 * {@code app=}) and are refused rather than silently overwritten.
 */
final class PushLabels {
    /** Pyroscope's limit is 30 labels per series; {@code __name__} and {@code service_name} take two. */
    static final int MAX_USER_LABELS = 28;
    static final int MAX_NAME_LENGTH = 1024;
    static final int MAX_VALUE_LENGTH = 2048;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private PushLabels() {
    }

    /**
     * @throws IllegalArgumentException naming the pair that is wrong and the syntax
     */
    static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            String name = colon < 0 ? pair.trim() : pair.substring(0, colon).trim();
            String value = colon < 0 ? "" : pair.substring(colon + 1).trim();
            if (colon <= 0 || value.isEmpty()) {
                throw wrong(text, "'" + pair.trim() + "' is not name:value");
            }
            if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
                throw wrong(text, "label name '" + name + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            if (name.startsWith("__") || name.equals("service_name")) {
                throw wrong(text, "label name '" + name + "' is Pyroscope's own"
                        + (name.equals("service_name") ? " (set it with app=)" : ""));
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw wrong(text, "the value of '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
            }
            if (labels.put(name, value) != null) {
                throw wrong(text, "label '" + name + "' is given twice");
            }
        }
        if (labels.size() > MAX_USER_LABELS) {
            throw wrong(text, labels.size() + " labels; Pyroscope takes at most " + MAX_USER_LABELS
                    + " besides __name__ and service_name");
        }
        return Collections.unmodifiableMap(labels);
    }

    private static IllegalArgumentException wrong(String text, String why) {
        return new IllegalArgumentException("labels=" + text + ": " + why
                + " (write labels=name:value;name:value, e.g. labels=env:prod;region:eu)");
    }
}
