package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code go tool pprof -raw} printed, parsed into a canonical form that does not
 * depend on ids: each sample as {@code values | frames | labels}, frames leaf first as
 * {@code function file:line}. {@link #canonicalSamples(Profile)} renders our model the
 * same way, so the two can be compared as sorted lists.
 */
final class GoRawProfile {
    final List<String> header = new ArrayList<>();
    final List<String> sampleTypes = new ArrayList<>();
    final List<String> samples = new ArrayList<>();
    final List<String> mappings = new ArrayList<>();

    private static final Pattern SAMPLE = Pattern.compile("^((?:\\s+-?\\d+)+): ((?:\\d+ )*)$");
    private static final Pattern LOCATION = Pattern.compile("^\\s*(\\d+): 0x[0-9a-f]+ (?:M=\\d+ )?(?:\\[F\\] )?(.*)$");
    private static final Pattern LINE = Pattern.compile("^(\\S+) (.*):(-?\\d+) s=-?\\d+.*$");

    static GoRawProfile parse(String raw) {
        GoRawProfile p = new GoRawProfile();
        String[] lines = raw.split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].equals("Samples:")) {
            p.header.add(lines[i++]);
        }
        i++;
        for (String t : lines[i++].split(" ")) {
            p.sampleTypes.add(t);
        }
        List<String[]> rawSamples = new ArrayList<>(); // values, location ids, labels
        while (!lines[i].equals("Locations")) {
            Matcher m = SAMPLE.matcher(lines[i]);
            if (m.matches()) {
                rawSamples.add(new String[] {m.group(1).trim().replaceAll("\\s+", " "), m.group(2).trim(), ""});
            } else {
                String[] last = rawSamples.get(rawSamples.size() - 1);
                last[2] = (last[2] + " " + lines[i].trim()).trim();
            }
            i++;
        }
        i++;
        Map<String, List<String>> frames = new HashMap<>();
        List<String> current = null;
        while (!lines[i].equals("Mappings")) {
            Matcher m = LOCATION.matcher(lines[i]);
            String rest;
            if (m.matches()) {
                current = new ArrayList<>();
                frames.put(m.group(1), current);
                rest = m.group(2);
            } else {
                rest = lines[i].trim();
            }
            if (!rest.isBlank()) {
                current.add(frame(rest));
            }
            i++;
        }
        for (i++; i < lines.length; i++) {
            p.mappings.add(lines[i].trim());
        }
        for (String[] s : rawSamples) {
            List<String> stack = new ArrayList<>();
            if (!s[1].isEmpty()) {
                for (String id : s[1].split(" ")) {
                    stack.add(String.join(";", frames.get(id)));
                }
            }
            p.samples.add(s[0] + " | " + String.join(";", stack) + " | " + s[2]);
        }
        p.samples.sort(null);
        return p;
    }

    private static String frame(String rest) {
        if (rest.equals("??")) {
            return "??";
        }
        Matcher m = LINE.matcher(rest);
        if (!m.matches()) {
            throw new AssertionError("unexpected location line in go tool pprof -raw: " + rest);
        }
        return m.group(1) + " " + m.group(2) + ":" + m.group(3);
    }

    /** Our profile's samples in the form {@link #parse} produces, one per sample. */
    static List<String> canonicalSamples(Profile p) {
        List<String> out = new ArrayList<>();
        for (Sample s : p.samples) {
            out.add(join(s.values) + " | " + stackAndLabels(s));
        }
        out.sort(null);
        return out;
    }

    /**
     * Our profile's samples as {@code go tool pprof -raw} shows them: go merges every source
     * (even a single one) with profile.Merge, which sums samples with the same locations and
     * labels and drops samples whose values are all zero or whose stack is empty. Locations
     * are told apart by object (the decoder makes one per location id), as go does by id.
     */
    static List<String> asGoShows(Profile p) {
        Map<List<Object>, long[]> merged = new java.util.LinkedHashMap<>();
        Map<List<Object>, String> shown = new HashMap<>();
        for (Sample s : p.samples) {
            if (s.locations.isEmpty() || java.util.Arrays.stream(s.values).allMatch(v -> v == 0)) {
                continue;
            }
            List<Object> key = new ArrayList<>();
            for (Location l : s.locations) {
                key.add(new IdentityKey(l));
            }
            key.add(labels(s));
            long[] sum = merged.computeIfAbsent(key, k -> new long[s.values.length]);
            shown.put(key, stackAndLabels(s));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += s.values[i];
            }
        }
        List<String> out = new ArrayList<>();
        merged.forEach((k, v) -> out.add(join(v) + " | " + shown.get(k)));
        out.sort(null);
        return out;
    }

    private record IdentityKey(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey k && k.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    private static String join(long[] vs) {
        StringBuilder values = new StringBuilder();
        for (long v : vs) {
            values.append(values.length() == 0 ? "" : " ").append(v);
        }
        return values.toString();
    }

    private static String stackAndLabels(Sample s) {
        {
            List<String> stack = new ArrayList<>();
            for (Location loc : s.locations) {
                List<String> fs = new ArrayList<>();
                for (Line line : loc.lines) {
                    fs.add(line.function() == null ? "??"
                            : line.function().name + " " + line.function().filename + ":" + line.line());
                }
                stack.add(String.join(";", fs));
            }
            return String.join(";", stack) + " | " + labels(s);
        }
    }

    /** go's labelsToString and numLabelsToString, joined as -raw prints them. */
    private static String labels(Sample s) {
        List<String> parts = new ArrayList<>();
        List<String> str = new ArrayList<>();
        new TreeMap<>(s.labels).forEach((k, v) -> str.add(k + ":[" + String.join(" ", v) + "]"));
        str.sort(null);
        if (!str.isEmpty()) {
            parts.add(String.join(" ", str));
        }
        List<String> num = new ArrayList<>();
        s.numLabels.forEach((k, v) -> {
            List<String> units = s.numUnits.getOrDefault(k, List.of());
            boolean anyUnit = units.stream().anyMatch(u -> !u.isEmpty());
            List<String> vs = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                vs.add(anyUnit ? v.get(i) + " " + (i < units.size() ? units.get(i) : "") : String.valueOf(v.get(i)));
            }
            num.add(k + ":[" + String.join(" ", vs) + "]");
        });
        num.sort(null);
        if (!num.isEmpty()) {
            parts.add(String.join(" ", num));
        }
        return String.join(" ", parts);
    }
}
