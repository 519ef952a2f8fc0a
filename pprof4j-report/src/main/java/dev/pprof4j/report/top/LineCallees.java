package dev.pprof4j.report.top;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a source line of {@code -weblist} expands to. go tool pprof expands a line to its
 * machine instructions, each with its flat and cum value and the calls inlined there; a JVM
 * profile has no machine code to show, so a line expands to the functions called from it
 * (the next frame towards the leaf, inlined or not), each with the flat and cum value that
 * passed through that call. A sample adds to a call once, however often it recurses through it.
 */
final class LineCallees {
    /** One function called from a line: where the call lands, and what passed through it. */
    record Callee(String function, String file, long line, boolean inlined, long flat, long cum) {
    }

    private final Map<String, Map<String, long[]>> byLine = new HashMap<>();
    private final Map<String, Callee> calleeOf = new HashMap<>();

    private LineCallees() {
    }

    /** The calls made from the lines of the functions matching {@code symbol}. */
    static LineCallees of(Report rpt, Pattern symbol) {
        LineCallees callees = new LineCallees();
        Map<String, Boolean> matches = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Line> frames = new ArrayList<>();
        List<Boolean> sameLocation = new ArrayList<>();
        for (Sample sample : rpt.profile.samples) {
            long v = rpt.sampleIndex < sample.values.length ? sample.values[rpt.sampleIndex] : 0; // sums, as -list's lines
            if (v == 0) {
                continue;
            }
            frames.clear();
            sameLocation.clear();
            for (Location location : sample.locations) {
                for (int i = 0; i < location.lines.size(); i++) {
                    frames.add(location.lines.get(i));
                    sameLocation.add(i > 0); // the frame below it (index - 1) is inlined into it
                }
            }
            seen.clear();
            for (int k = 1; k < frames.size(); k++) {
                Line caller = frames.get(k);
                Line callee = frames.get(k - 1);
                if (caller.function() == null || callee.function() == null
                        || !matches.computeIfAbsent(caller.function().name, n -> symbol.matcher(n).find())) {
                    continue;
                }
                String lineKey = key(caller.function().name, caller.function().filename, caller.line());
                String calleeKey = key(callee.function().name, callee.function().filename, callee.line());
                if (!seen.add(lineKey + "\1" + calleeKey)) {
                    continue;
                }
                callees.calleeOf.putIfAbsent(calleeKey, new Callee(callee.function().name, callee.function().filename,
                        callee.line(), sameLocation.get(k), 0, 0));
                long[] values = callees.byLine.computeIfAbsent(lineKey, x -> new LinkedHashMap<>())
                        .computeIfAbsent(calleeKey, x -> new long[2]);
                values[1] += v;
                if (k == 1) {
                    values[0] += v;
                }
            }
        }
        return callees;
    }

    /** The functions called from {@code line} of {@code function} in {@code file}, the heaviest (cum) first. */
    List<Callee> at(String function, String file, long line) {
        Map<String, long[]> calls = byLine.get(key(function, file, line));
        if (calls == null) {
            return List.of();
        }
        List<Callee> list = new ArrayList<>();
        calls.forEach((k, v) -> {
            Callee c = calleeOf.get(k);
            list.add(new Callee(c.function(), c.file(), c.line(), c.inlined(), v[0], v[1]));
        });
        list.sort(Comparator.comparingLong((Callee c) -> -Math.abs(c.cum())).thenComparing(Callee::function)
                .thenComparingLong(Callee::line));
        return list;
    }

    private static String key(String function, String file, long line) {
        return function + '\0' + file + '\0' + line;
    }
}
