package dev.pprof4j.report;

import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * go tool pprof's {@code -tagfocus}/{@code -tagignore} values as a test of a sample
 * (google/pprof's {@code compileTagFilter}): {@code [KEY=]VALUE}, where VALUE is a numeric
 * range ({@code 32kb}, {@code :64kb}, {@code 4mb:}, {@code 12kb:64mb}, matched against
 * numeric labels in their units) or comma-separated regexes (all must match some
 * {@code key:value} string label; with KEY, one must match a value of that key).
 */
final class TagFilter {
    /** pprof's tagFilterRangeRx: a whole number and an optional unit. */
    private static final Pattern RANGE = Pattern.compile("([+-]?[0-9]+)([A-Za-z]+)?");

    private TagFilter() {
    }

    /** The test, and whether the value was read as a range (pprof says so on stderr). */
    record Compiled(Predicate<Sample> test, boolean range) {
    }

    static Compiled compile(String option, String value, Map<String, String> numLabelUnits) {
        String wantKey = null;
        int eq = value.indexOf('=');
        if (eq >= 0) {
            wantKey = value.substring(0, eq);
            value = value.substring(eq + 1);
        }
        RangeTest range = range(value);
        if (range != null) {
            String key = wantKey;
            return new Compiled(s -> {
                for (Map.Entry<String, List<Long>> e : s.numLabels.entrySet()) {
                    if (key != null && !key.equals(e.getKey())) {
                        continue;
                    }
                    String unit = numLabelUnits.getOrDefault(e.getKey(), e.getKey());
                    for (long v : e.getValue()) {
                        if (range.test(v, unit)) {
                            return true;
                        }
                    }
                }
                return false;
            }, true);
        }
        List<Pattern> regexes = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            regexes.add(Reports.regex(option, part));
        }
        if (wantKey == null) {
            return new Compiled(s -> {
                for (Pattern rx : regexes) {
                    if (!anyLabelMatches(s, rx)) {
                        return false;
                    }
                }
                return true;
            }, false);
        }
        String key = wantKey;
        return new Compiled(s -> {
            List<String> values = s.labels.get(key);
            if (values != null) {
                for (Pattern rx : regexes) {
                    for (String v : values) {
                        if (rx.matcher(v).find()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }, false);
    }

    private static boolean anyLabelMatches(Sample s, Pattern rx) {
        for (Map.Entry<String, List<String>> e : s.labels.entrySet()) {
            for (String v : e.getValue()) {
                if (rx.matcher(e.getKey() + ":" + v).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private interface RangeTest {
        boolean test(long value, String unit);
    }

    /** A range test, or null when {@code filter} is not one of pprof's range forms. */
    private static RangeTest range(String filter) {
        Matcher m = RANGE.matcher(filter);
        List<String[]> found = new ArrayList<>();
        while (found.size() < 2 && m.find()) {
            found.add(new String[] {m.group(0), m.group(1), m.group(2) == null ? "" : m.group(2)});
        }
        if (found.isEmpty()) {
            return null;
        }
        Measurement.Scaled low = bound(found.get(0));
        if (found.size() == 1) {
            String match = found.get(0)[0];
            if (filter.equals(match)) {
                return (v, u) -> within(v, u, low, 0);
            } else if (filter.equals(match + ":")) {
                return (v, u) -> within(v, u, low, 1);
            } else if (filter.equals(":" + match)) {
                return (v, u) -> within(v, u, low, -1);
            }
            return null;
        }
        if (!filter.equals(found.get(0)[0] + ":" + found.get(1)[0])) {
            return null;
        }
        Measurement.Scaled high = bound(found.get(1));
        return (v, u) -> within(v, u, low, 1) && within(v, u, high, -1);
    }

    private static Measurement.Scaled bound(String[] match) {
        long v;
        try {
            v = Long.parseLong(match[1].startsWith("+") ? match[1].substring(1) : match[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tag filter: " + match[1] + " is out of range", e);
        }
        return Measurement.scale(v, match[2], match[2]);
    }

    /** {@code direction} 0: equal, 1: at least, -1: at most; only values in the same unit compare. */
    private static boolean within(long value, String unit, Measurement.Scaled bound, int direction) {
        Measurement.Scaled s = Measurement.scale(value, unit, bound.unit());
        if (!s.unit().equals(bound.unit())) {
            return false;
        }
        return direction == 0 ? s.value() == bound.value() : direction > 0 ? s.value() >= bound.value() : s.value() <= bound.value();
    }
}
