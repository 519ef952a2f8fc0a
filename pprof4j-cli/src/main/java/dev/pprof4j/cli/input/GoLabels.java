package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Sample;

/**
 * pprof labels as Go's runtime prints them in a text dump: {@code {"key":"value", "k2":"v2"}},
 * each a Go quoted string ({@code %q}).
 */
final class GoLabels {
    private GoLabels() {
    }

    /** Adds the labels of {@code text} to {@code sample}; what is not a quoted pair is left out. */
    static void parse(String text, Sample sample) {
        int[] at = {text.indexOf('{') + 1};
        while (at[0] > 0 && at[0] < text.length()) {
            String key = quoted(text, at);
            if (key == null || at[0] >= text.length() || text.charAt(at[0]) != ':') {
                return;
            }
            at[0]++;
            String value = quoted(text, at);
            if (value == null) {
                return;
            }
            sample.addLabel(key, value);
            while (at[0] < text.length() && (text.charAt(at[0]) == ',' || text.charAt(at[0]) == ' ')) {
                at[0]++;
            }
        }
    }

    /** The Go quoted string at {@code at[0]}, unescaped; {@code at[0]} moves past it. */
    static String quoted(String text, int[] at) {
        int i = at[0];
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at[0] = i + 1;
                return sb.toString();
            }
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        return null;
    }
}
