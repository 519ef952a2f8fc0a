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
 * that age), go tool pprof's settings {@code sort}, {@code unit}, {@code granularity},
 * {@code noinlines}, {@code trim}, {@code nodefraction}, {@code edgefraction}, and per view
 * {@code peek} (regex) and {@code nodecount}.
 *
 * <p>go tool pprof's web UI names its parameters shorter ({@code f} focus, {@code i} ignore,
 * {@code h} hide, {@code s} show, {@code n} nodecount, {@code g} granularity, {@code nf},
 * {@code ef}: its driver's {@code urlparam} table); a URL made by Go's UI works here as it is.
 * Its {@code /source?f=} and {@code /peek?f=} use the focus as the view's regex too, and so do
 * ours. Go's parameters this UI cannot apply (tag filters, {@code show_from}, ...) are refused
 * with a 400 rather than ignored: a view never shows less filtering than its URL asks for.
 */
record ViewParams(Map<String, String> values) {
    /** Parameters carried from view to view; anything else in a query is ignored. */
    static final List<String> SHARED = List.of("si", "focus", "ignore", "hide", "show", "since", "sort", "unit",
            "granularity", "noinlines", "trim", "nodefraction", "edgefraction");
    /** Of {@link #SHARED}, the settings with no field in the filter form: carried in it as hidden fields. */
    static final List<String> SETTINGS = List.of("sort", "unit", "granularity", "noinlines", "trim", "nodefraction",
            "edgefraction");
    static final List<String> ALL = List.of("si", "focus", "ignore", "hide", "show", "peek", "nodecount", "since",
            "sort", "unit", "granularity", "noinlines", "trim", "nodefraction", "edgefraction");
    /** go tool pprof's web UI names (its config's {@code urlparam}) of the parameters ours name longer. */
    static final Map<String, String> GO_NAMES = Map.of("f", "focus", "i", "ignore", "h", "hide", "s", "show",
            "n", "nodecount", "g", "granularity", "nf", "nodefraction", "ef", "edgefraction");
    /** go tool pprof's web UI parameters (name, its flag) that this UI cannot apply. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(Map.entry("tf", "tagfocus"),
            Map.entry("ti", "tagignore"), Map.entry("ts", "tagshow"), Map.entry("th", "taghide"),
            Map.entry("sf", "show_from"), Map.entry("prunefrom", "prune_from"), Map.entry("mean", "mean"),
            Map.entry("norm", "normalize"), Map.entry("dropneg", "drop_negative"), Map.entry("calltree", "call_tree"),
            Map.entry("rel", "relative_percentages"), Map.entry("compact", "compact_labels"),
            Map.entry("tagroot", "tagroot"), Map.entry("tagleaf", "tagleaf"));
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
                String given = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (UNSUPPORTED.containsKey(given) && !value.isEmpty()) {
                    throw new BadRequest(given + "= (go tool pprof's -" + UNSUPPORTED.get(given)
                            + ") is not supported by this web UI; the command line's reports may have it");
                }
                String key = GO_NAMES.getOrDefault(given, given);
                if (ALL.contains(key) && !value.isEmpty()) {
                    if (value.length() > MAX_LENGTH) {
                        throw new BadRequest(given + " is longer than " + MAX_LENGTH + " characters");
                    }
                    String before = values.put(key, value);
                    if (before != null && !before.equals(value)) {
                        throw new BadRequest(key + " is given twice (" + before + ", " + value + "); give it once");
                    }
                }
            }
        }
        for (String regex : List.of("focus", "ignore", "hide", "show", "peek")) {
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
        checkChoice(values, "sort", List.of("cum", "flat"));
        checkChoice(values, "granularity", List.of("functions", "files", "lines"));
        for (String flag : List.of("noinlines", "trim")) {
            if (values.containsKey(flag)) {
                values.put(flag, String.valueOf(goBool(flag, values.get(flag))));
            }
        }
        for (String fraction : List.of("nodefraction", "edgefraction")) {
            if (values.containsKey(fraction)) {
                try {
                    Double.parseDouble(values.get(fraction));
                } catch (NumberFormatException e) {
                    throw new BadRequest(fraction + " must be a number, got " + values.get(fraction));
                }
            }
        }
        return new ViewParams(values);
    }

    private static void checkChoice(Map<String, String> values, String key, List<String> choices) {
        String v = values.get(key);
        if (v != null && !choices.contains(v)) {
            throw new BadRequest(key + "=" + v + " is not one of " + String.join(", ", choices)
                    + (v.equals("filefunctions") || v.equals("addresses") ? " (" + v + " is not supported here)" : ""));
        }
    }

    /** A boolean as go tool pprof's settings read it ({@code t}, {@code true}, {@code 1}, {@code yes} ...). */
    private static boolean goBool(String key, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> true;
            case "false", "f", "no", "n", "0" -> false;
            default -> throw new BadRequest(key + "=" + value + " is not true or false");
        };
    }

    /** A boolean setting: {@code fallback} when the URL does not give it. */
    boolean flag(String key, boolean fallback) {
        return values.containsKey(key) ? Boolean.parseBoolean(values.get(key)) : fallback;
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
