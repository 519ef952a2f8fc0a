package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * go tool pprof's {@code -focus}, {@code -ignore}, {@code -hide}, {@code -show} and
 * {@code -show_from}, with google/pprof's exact semantics (profile/filter.go). A pattern
 * matches a location when it is found (unanchored, like Go's MatchString) in the name or
 * file name of one of its functions, or in its mapping's file.
 *
 * <ul>
 * <li>focus: keep samples with a matching location; ignore: drop samples with one (ignore
 * wins over focus, per location);
 * <li>hide: remove matching frames (inlined lines too) from stacks; show: keep only matching
 * frames;
 * <li>show_from: cut each stack above its outermost matching frame, dropping samples without one.
 * </ul>
 * Locations are changed in place (hidden lines removed), so run it on a profile you own.
 */
public final class NameFilter {
    private NameFilter() {
    }

    /** Which of the given patterns matched anything: go tool pprof warns "X expression matched no samples" otherwise. */
    public record Matched(boolean focus, boolean ignore, boolean hide, boolean show) {
    }

    /** Applies focus, ignore, hide and show (any may be null) to {@code p}. */
    public static Matched filter(Profile p, Pattern focus, Pattern ignore, Pattern hide, Pattern show) {
        boolean fm = false;
        boolean im = false;
        boolean hm = false;
        boolean hnm = false;
        // Per location: TRUE focused, FALSE ignored, absent neither.
        Map<Location, Boolean> focusOrIgnore = new IdentityHashMap<>();
        Map<Location, Boolean> hidden = new IdentityHashMap<>();
        for (Location l : p.locations) {
            if (ignore != null && matchesName(l, ignore)) {
                im = true;
                focusOrIgnore.put(l, Boolean.FALSE);
            } else if (focus == null || matchesName(l, focus)) {
                fm = true;
                focusOrIgnore.put(l, Boolean.TRUE);
            }
            if (hide != null && matchesName(l, hide)) {
                hm = true;
                replaceLines(l, unmatchedLines(l, hide));
                if (l.lines.isEmpty()) {
                    hidden.put(l, Boolean.TRUE);
                }
            }
            if (show != null) {
                replaceLines(l, matchedLines(l, show));
                if (l.lines.isEmpty()) {
                    hidden.put(l, Boolean.TRUE);
                } else {
                    hnm = true;
                }
            }
        }
        List<Sample> kept = new ArrayList<>(p.samples.size());
        for (Sample s : p.samples) {
            if (!focusedAndNotIgnored(s.locations, focusOrIgnore)) {
                continue;
            }
            if (!hidden.isEmpty()) {
                List<Location> stack = new ArrayList<>(s.locations.size());
                for (Location l : s.locations) {
                    if (!hidden.containsKey(l)) {
                        stack.add(l);
                    }
                }
                if (stack.isEmpty()) {
                    continue;
                }
                s.locations = stack;
            }
            kept.add(s);
        }
        p.samples.clear();
        p.samples.addAll(kept);
        return new Matched(fm, im, hm, hnm);
    }

    /** {@code -show_from}: returns whether any location matched. */
    public static boolean showFrom(Profile p, Pattern showFrom) {
        Map<Location, Boolean> from = new IdentityHashMap<>();
        boolean matched = false;
        for (Location l : p.locations) {
            if (l.mapping != null && showFrom.matcher(l.mapping.file).find()) {
                from.put(l, Boolean.TRUE);
                matched = true;
                continue;
            }
            int i = lastMatchedLine(l, showFrom);
            if (i >= 0) {
                replaceLines(l, new ArrayList<>(l.lines.subList(0, i + 1)));
                from.put(l, Boolean.TRUE);
                matched = true;
            }
        }
        List<Sample> kept = new ArrayList<>(p.samples.size());
        for (Sample s : p.samples) {
            for (int i = s.locations.size() - 1; i >= 0; i--) {
                if (from.containsKey(s.locations.get(i))) {
                    s.locations = new ArrayList<>(s.locations.subList(0, i + 1));
                    kept.add(s);
                    break;
                }
            }
        }
        p.samples.clear();
        p.samples.addAll(kept);
        return matched;
    }

    static boolean matchesName(Location l, Pattern re) {
        for (Line line : l.lines) {
            Function f = line.function();
            if (f != null && (re.matcher(f.name).find() || re.matcher(f.filename).find())) {
                return true;
            }
        }
        return l.mapping != null && re.matcher(l.mapping.file).find();
    }

    private static List<Line> unmatchedLines(Location l, Pattern re) {
        List<Line> out = new ArrayList<>();
        if (l.mapping != null && re.matcher(l.mapping.file).find()) {
            return out;
        }
        for (Line line : l.lines) {
            Function f = line.function();
            if (f != null && (re.matcher(f.name).find() || re.matcher(f.filename).find())) {
                continue;
            }
            out.add(line);
        }
        return out;
    }

    private static List<Line> matchedLines(Location l, Pattern re) {
        if (l.mapping != null && re.matcher(l.mapping.file).find()) {
            return new ArrayList<>(l.lines);
        }
        List<Line> out = new ArrayList<>();
        for (Line line : l.lines) {
            Function f = line.function();
            if (f != null && !re.matcher(f.name).find() && !re.matcher(f.filename).find()) {
                continue;
            }
            out.add(line);
        }
        return out;
    }

    private static int lastMatchedLine(Location l, Pattern re) {
        for (int i = l.lines.size() - 1; i >= 0; i--) {
            Function f = l.lines.get(i).function();
            if (f != null && (re.matcher(f.name).find() || re.matcher(f.filename).find())) {
                return i;
            }
        }
        return -1;
    }

    static void replaceLines(Location l, List<Line> lines) {
        l.lines.clear();
        l.lines.addAll(lines);
    }

    /** A sample is kept when some location is focused and none is ignored. */
    private static boolean focusedAndNotIgnored(List<Location> stack, Map<Location, Boolean> focusOrIgnore) {
        boolean focused = false;
        for (Location l : stack) {
            Boolean f = focusOrIgnore.get(l);
            if (f != null) {
                if (!f) {
                    return false;
                }
                focused = true;
            }
        }
        return focused;
    }
}
