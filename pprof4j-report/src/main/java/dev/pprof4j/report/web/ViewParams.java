package dev.pprof4j.report.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The URL query parameters every view shares, so a view with its filters can be bookmarked
 * and sent to someone: {@code si} (sample index), {@code focus}, {@code ignore}, {@code hide},
 * {@code show}, {@code since} (a live agent's profile as now minus its history snapshot of
 * that age), and per view {@code peek} (regex) and {@code f} (source: function regex).
 * The names are go tool pprof's flags and its web UI's parameters.
 */
record ViewParams(Map<String, String> values) {
    /** Parameters carried from view to view; anything else in a query is ignored. */
    static final List<String> SHARED = List.of("si", "focus", "ignore", "hide", "show", "since");
    static final List<String> ALL = List.of("si", "focus", "ignore", "hide", "show", "peek", "f", "nodecount", "since");
    /** {@code since}: a Go duration, checked here so that only a duration reaches the agent. */
    private static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+");
    /** A longer regex is refused: patterns are matched against every frame of every sample. */
    static final int MAX_LENGTH = 500;

    static ViewParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            if (rawQuery.length() > 8 * MAX_LENGTH) {
                throw new BadRequest("query of " + rawQuery.length() + " characters is too long");
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (ALL.contains(key) && !value.isEmpty()) {
                    if (value.length() > MAX_LENGTH) {
                        throw new BadRequest(key + " is longer than " + MAX_LENGTH + " characters");
                    }
                    values.put(key, value);
                }
            }
        }
        for (String regex : List.of("focus", "ignore", "hide", "show", "peek", "f")) {
            String v = values.get(regex);
            if (v != null) {
                try {
                    Pattern.compile(v);
                } catch (PatternSyntaxException e) {
                    throw new BadRequest("parsing " + regex + " regexp: " + e.getDescription() + " in " + v);
                }
            }
        }
        String since = values.get("since");
        if (since != null && !DURATION.matcher(since).matches()) {
            throw new BadRequest("since=" + since + " is not a duration such as 90s, 10m or 1h");
        }
        return new ViewParams(values);
    }

    String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** The shared parameters (plus {@code extra} key/value pairs) as a query string, "?..." or "". */
    String query(String... extra) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String key : SHARED) {
            if (values.containsKey(key)) {
                q.put(key, values.get(key));
            }
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            if (extra[i + 1] == null || extra[i + 1].isEmpty()) {
                q.remove(extra[i]);
            } else {
                q.put(extra[i], extra[i + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> sb.append(sb.length() == 0 ? '?' : '&').append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed query parameter: " + s);
        }
    }

    /** A request the UI refuses with 400 and this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
