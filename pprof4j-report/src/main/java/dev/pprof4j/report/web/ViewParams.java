package dev.pprof4j.report.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import dev.pprof4j.report.ReportOption;
import dev.pprof4j.report.ReportOptions;

/**
 * The URL query parameters every view shares, so a view with its filters can be bookmarked
 * and sent to someone: the report options of {@link ReportOptions} (the command line's and the
 * shell's table) that have a URL parameter there, by their table name or by go tool pprof's
 * web UI name ({@code f} focus, {@code i} ignore, {@code si}, {@code tf}, {@code sf}, ...: its
 * driver's {@code urlparam} table), so a URL made by Go's UI works here as it is. Besides
 * them, {@code since} (a live agent's profile as now minus its history snapshot of that age)
 * and per view {@code peek} (regex); {@code nodecount} is per view too.
 *
 * <p>Go's {@code /source?f=} and {@code /peek?f=} use the focus as the view's regex too, and so
 * do ours. {@code mean} is applied as the command line's {@code -mean} is: {@code /top},
 * {@code /peek} and {@code /graph} show means, {@code /source} the sums {@code -list} shows;
 * the flame graph refuses it (its widths add up, means do not). The table's options this UI cannot apply ({@link #REFUSED}) are refused with a 400
 * rather than ignored: a view never shows less filtering than its URL asks for.
 */
record ViewParams(Map<String, String> values) {
    /** Of the table's options with a URL parameter, those a view cannot apply, and why. */
    static final Map<String, String> REFUSED = Map.of(
            "normalize", "it scales the profile by a base when the profile is loaded");
    /** go tool pprof's URL names (and flags) of settings the option table does not have: refused, not ignored. */
    private static final Map<String, String> GO_ONLY = Map.of("intel", "intel_syntax");
    /** The parameters of the views' own: not report options. */
    private static final List<String> OWN = List.of("since", "peek");
    /** Parameters carried from view to view: every report option applied, and {@code since}; not per view ones. */
    static final List<String> SHARED = shared();
    /** Of {@link #SHARED}, the settings with no field in the filter form: carried in it as hidden fields. */
    static final List<String> SETTINGS = SHARED.stream()
            .filter(k -> !List.of("si", "focus", "ignore", "hide", "show", "since").contains(k)).toList();
    /** {@code since}: a Go duration, checked here so that only a duration reaches the agent. */
    private static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]*)?(ns|us|µs|ms|s|m|h))+");
    /** A longer regex is refused: patterns are matched against every frame of every sample. */
    static final int MAX_LENGTH = 500;

    private static List<String> shared() {
        List<String> keys = new java.util.ArrayList<>();
        for (ReportOption o : ReportOptions.ALL) {
            if (o.urlParam() != null && !REFUSED.containsKey(o.name()) && !o.name().equals("nodecount")) {
                keys.add(key(o));
            }
        }
        keys.add("since");
        return List.copyOf(keys);
    }

    /** The key of option {@code o} in {@link #values} and in the URLs this UI makes: its table name ({@code si} for the sample index). */
    static String key(ReportOption o) {
        return o.name().equals("sample_index") ? o.urlParam() : o.name();
    }

    /** The option a query parameter names: by go tool pprof's URL name or by its table name; null for none. */
    private static ReportOption option(String param) {
        ReportOption o = ReportOptions.byUrlParam(param);
        if (o == null) {
            o = ReportOptions.byName(param);
        }
        return o;
    }

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
                ReportOption option = option(given);
                if (GO_ONLY.containsKey(given) && !value.isEmpty()) {
                    throw new BadRequest(given + "= (go tool pprof's -" + GO_ONLY.get(given)
                            + ") is not supported by pprof4j");
                }
                if (value.isEmpty() || option == null && !OWN.contains(given)) {
                    continue; // anything else in a query is ignored
                }
                if (option != null && REFUSED.containsKey(option.name())) {
                    throw new BadRequest(given + "= (go tool pprof's -" + option.name()
                            + ") is not supported by this web UI: " + REFUSED.get(option.name())
                            + "; the command line's reports have it");
                }
                if (value.length() > MAX_LENGTH) {
                    throw new BadRequest(given + " is longer than " + MAX_LENGTH + " characters");
                }
                String key = option == null ? given : key(option);
                String v = option == null ? value : checked(option, value);
                String before = values.put(key, v);
                if (before != null && !before.equals(v)) {
                    throw new BadRequest(key + " is given twice (" + before + ", " + v + "); give it once");
                }
            }
        }
        String peek = values.get("peek");
        if (peek != null) {
            try {
                Pattern.compile(peek);
            } catch (PatternSyntaxException e) {
                throw new BadRequest("parsing peek regexp: " + e.getDescription() + " in " + peek);
            }
        }
        String since = values.get("since");
        if (since != null && !DURATION.matcher(since).matches()) {
            throw new BadRequest("since=" + since + " is not a duration such as 90s, 10m or 1h");
        }
        checkChoice(values, "granularity", List.of("functions", "files", "lines"));
        return new ViewParams(values);
    }

    /** {@code value} checked as the table's kind of {@code option} says; booleans as go tool pprof's web UI reads them. */
    private static String checked(ReportOption option, String value) {
        if (option.kind() == ReportOption.Kind.BOOL) {
            return String.valueOf(goBool(option.name(), value));
        }
        try {
            return option.check(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** The report settings of this URL: the table's defaults, then each option the URL gives. */
    dev.pprof4j.report.ReportConfig config() {
        dev.pprof4j.report.ReportConfig config = new dev.pprof4j.report.ReportConfig();
        for (ReportOption o : ReportOptions.ALL) {
            String v = values.get(key(o));
            if (v != null && !o.name().equals("nodecount")) {
                config.set(o.name(), v);
            }
        }
        return config;
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
