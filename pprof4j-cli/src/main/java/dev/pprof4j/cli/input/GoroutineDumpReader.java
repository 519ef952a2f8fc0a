package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.StackInterner;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's goroutine dump ({@code goroutine?debug=2}, a panic's or SIGQUIT's traceback): blocks
 * of {@code goroutine 7 [chan receive, 5 minutes]:}, then per frame a function line
 * {@code main.leak(0xc000010000, ...)} and a {@code \t/src/main.go:31 +0x32} line, and
 * {@code created by main.start in goroutine 1} with its line. Read as a goroutine profile
 * ({@link GoroutineGroups}): go tool pprof refuses this format.
 */
final class GoroutineDumpReader {
    private GoroutineDumpReader() {
    }

    /** {@code goroutine N [...]:} (Go 1.23+ may put {@code gp=... m=...} before the bracket). */
    static boolean isHeader(String line) {
        if (!line.startsWith("goroutine ") || !line.endsWith("]:")) {
            return false;
        }
        int i = "goroutine ".length();
        int start = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > start && i < line.length() && line.charAt(i) == ' ' && line.indexOf('[', i) > 0;
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        Profile profile = new Profile();
        StackInterner interner = new StackInterner(profile, "");
        GoroutineGroups groups = new GoroutineGroups(profile, heap);
        TextLines lines = new TextLines(text);
        String header = null;
        List<Location> stack = new ArrayList<>();
        String pending = null; // a function line whose file:line line comes next
        String createdBy = "";
        boolean inCreatedBy = false;
        while (true) {
            boolean more = lines.next();
            String line = lines.line();
            if (!more || isHeader(line)) {
                if (pending != null) {
                    stack.add(interner.location(interner.function(pending, ""), 0));
                }
                if (header != null) {
                    add(groups, header, stack, createdBy);
                }
                if (!more) {
                    break;
                }
                header = line;
                stack = new ArrayList<>();
                pending = null;
                createdBy = "";
                inCreatedBy = false;
                continue;
            }
            if (header == null || line.isBlank()) {
                continue;
            }
            if (line.startsWith("\t")) {
                if (pending != null) {
                    stack.add(interner.location(interner.function(pending, fileOf(line)), lineOf(line)));
                    pending = null;
                }
                continue;
            }
            if (pending != null) {
                stack.add(interner.location(interner.function(pending, ""), 0));
                pending = null;
            }
            if (line.startsWith("created by ")) {
                String name = line.substring("created by ".length());
                int in = name.indexOf(" in goroutine ");
                createdBy = in > 0 ? name.substring(0, in) : name;
                inCreatedBy = true;
                continue;
            }
            if (line.startsWith("...") || inCreatedBy) {
                continue; // "...additional frames elided...", or what follows the creator
            }
            pending = functionName(line);
        }
        if (groups.size() == 0) {
            throw new ProfileFormatException("parsing goroutine dump: no \"goroutine N [state]:\" line");
        }
        return profile;
    }

    private static void add(GoroutineGroups groups, String header, List<Location> stack, String createdBy)
            throws ProfileFormatException {
        String inside = header.substring(header.indexOf('[') + 1, header.length() - 2);
        String state = inside;
        long wait = -1;
        int comma = inside.indexOf(", ");
        if (comma >= 0) {
            state = inside.substring(0, comma);
            for (String part : inside.substring(comma + 2).split(", ")) {
                if (part.endsWith(" minutes") || part.endsWith(" minute")) {
                    try {
                        wait = Long.parseLong(part.substring(0, part.indexOf(' '))) * 60;
                    } catch (NumberFormatException e) {
                        // not a wait after all
                    }
                }
            }
        }
        groups.add(stack, state, wait, createdBy);
    }

    /** {@code pkg.(*T).m(0x1, ...)} → {@code pkg.(*T).m}: the argument list is the last balanced (...). */
    static String functionName(String line) {
        String s = line.strip();
        if (!s.endsWith(")")) {
            return s;
        }
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i > 0 ? s.substring(0, i) : s;
            }
        }
        return s;
    }

    /** {@code \t/src/main.go:31 +0x32} → {@code /src/main.go}. */
    private static String fileOf(String line) {
        String s = line.strip();
        int plus = s.lastIndexOf(" +0x");
        if (plus > 0) {
            s = s.substring(0, plus);
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 ? s.substring(0, colon) : s;
    }

    private static long lineOf(String line) {
        String s = line.strip();
        int plus = s.lastIndexOf(" +0x");
        if (plus > 0) {
            s = s.substring(0, plus);
        }
        int colon = s.lastIndexOf(':');
        try {
            return colon > 0 ? Long.parseLong(s.substring(colon + 1)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
