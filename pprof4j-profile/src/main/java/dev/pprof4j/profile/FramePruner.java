package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Removes uninteresting frames from the root end of stacks, with google/pprof's semantics
 * (profile/prune.go): the profile's own {@code drop_frames}/{@code keep_frames} (what go tool
 * pprof applies to every profile it reads), and {@code -prune_from}. Frames are matched by
 * their function name with any argument list removed ({@code foo(int)} → {@code foo}), and
 * the whole name must match. Changes the profile in place.
 */
public final class FramePruner {
    private FramePruner() {
    }

    /** Applies the profile's {@link Profile#dropFrames} and {@link Profile#keepFrames}, if set. */
    public static void removeUninteresting(Profile p) throws ProfileFormatException {
        if (p.dropFrames.isEmpty()) {
            return;
        }
        Pattern drop = anchored(p.dropFrames, "drop_frames");
        Pattern keep = p.keepFrames.isEmpty() ? null : anchored(p.keepFrames, "keep_frames");
        prune(p, drop, keep);
    }

    private static Pattern anchored(String regex, String field) throws ProfileFormatException {
        try {
            return Pattern.compile("^(" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new ProfileFormatException("malformed profile: " + field + " is not a valid regular expression: "
                    + e.getDescription(), e);
        }
    }

    /**
     * pprof's Prune: in each stack, finds (from the root) the first frame matching {@code drop}
     * but not {@code keep} that sits below some other frame, and removes it and everything
     * between it and the root. {@code drop} and {@code keep} are used with {@code find()}, so
     * anchor them as {@link #removeUninteresting} does.
     */
    public static void prune(Profile p, Pattern drop, Pattern keep) {
        Map<Location, Boolean> prune = new IdentityHashMap<>();
        Map<Location, Boolean> pruneBeneath = new IdentityHashMap<>();
        for (Location loc : p.locations) {
            int i;
            for (i = loc.lines.size() - 1; i >= 0; i--) {
                Function fn = loc.lines.get(i).function();
                if (fn != null && !fn.name.isEmpty()) {
                    String name = simplifyFunc(fn.name);
                    if (drop.matcher(name).find() && (keep == null || !keep.matcher(name).find())) {
                        break;
                    }
                }
            }
            if (i >= 0) {
                pruneBeneath.put(loc, Boolean.TRUE);
                if (i == loc.lines.size() - 1) {
                    prune.put(loc, Boolean.TRUE);
                } else {
                    NameFilter.replaceLines(loc, new ArrayList<>(loc.lines.subList(i + 1, loc.lines.size())));
                }
            }
        }
        for (Sample s : p.samples) {
            boolean foundUser = false;
            for (int i = s.locations.size() - 1; i >= 0; i--) {
                Location l = s.locations.get(i);
                if (!prune.containsKey(l) && !pruneBeneath.containsKey(l)) {
                    foundUser = true;
                    continue;
                }
                if (!foundUser) {
                    continue;
                }
                if (prune.containsKey(l)) {
                    s.locations = new ArrayList<>(s.locations.subList(i + 1, s.locations.size()));
                    break;
                }
                s.locations = new ArrayList<>(s.locations.subList(i, s.locations.size()));
                break;
            }
        }
    }

    /** {@code -prune_from}: drops the frames beneath (callees of) the first frame matching {@code dropRx}. */
    public static void pruneFrom(Profile p, Pattern dropRx) {
        Map<Location, Boolean> pruneBeneath = new IdentityHashMap<>();
        for (Location loc : p.locations) {
            for (int i = 0; i < loc.lines.size(); i++) {
                Function fn = loc.lines.get(i).function();
                if (fn != null && !fn.name.isEmpty() && dropRx.matcher(simplifyFunc(fn.name)).find()) {
                    pruneBeneath.put(loc, Boolean.TRUE);
                    NameFilter.replaceLines(loc, new ArrayList<>(loc.lines.subList(i, loc.lines.size())));
                    break;
                }
            }
        }
        for (Sample s : p.samples) {
            for (int i = 0; i < s.locations.size(); i++) {
                if (pruneBeneath.containsKey(s.locations.get(i))) {
                    s.locations = new ArrayList<>(s.locations.subList(i, s.locations.size()));
                    break;
                }
            }
        }
    }

    private static final String[] RESERVED_NAMES = {"(anonymous namespace)", "operator()"};

    /**
     * pprof's simplifyFunc: drops a leading '.' and cuts the name at its first '(' that does
     * not start a reserved name such as {@code (anonymous namespace)}.
     */
    static String simplifyFunc(String f) {
        String name = f.startsWith(".") ? f.substring(1) : f;
        int from = 0;
        while (true) {
            int paren = name.indexOf('(', from);
            int op = name.indexOf("operator()", from);
            if (paren < 0) {
                return name;
            }
            // The reserved names are found first where they overlap a '(' (leftmost match wins).
            if (op >= 0 && op <= paren) {
                from = op + "operator()".length();
                continue;
            }
            if (name.startsWith(RESERVED_NAMES[0], paren)) {
                from = paren + RESERVED_NAMES[0].length();
                continue;
            }
            return name.substring(0, paren);
        }
    }
}
