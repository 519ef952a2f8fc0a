package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The symbols a Go text dump carries in its {@code #} lines: under each stack, Go's
 * runtime/pprof ({@code printStackRecord}) prints one line per frame,
 * {@code #  0x4a1b2c  main.leak+0x2c  /src/main.go:20}, where the address is the frame's
 * PC: the return address less one, the location pprof makes of it. Inlined calls share a PC
 * and come innermost first. go tool pprof skips these lines as comments and, without the
 * binary, prints {@code <unknown>}; here they name the frames.
 *
 * <p>Go hides the runtime frames at the leaf end of a stack ({@code runtime.mallocgc}…) and
 * {@code runtime.goexit} at the root: their addresses get no {@code #} line, and leaving them
 * as nameless rows would only say what pprof's drop rules drop anyway, so they go.
 */
final class GoSymbols {
    private final Map<Long, List<Line>> byPc = new HashMap<>();
    private final Set<Long> seenEarlier = new HashSet<>();
    private final Set<Long> thisRecord = new HashSet<>();
    private final Map<String, Function> functions = new HashMap<>();

    /**
     * Takes the line if it is a symbol line ({@code #}, a PC, maybe a name and file:line);
     * otherwise ends the current stack's record and returns false.
     */
    boolean offer(String line) {
        if (!line.startsWith("#")) {
            seenEarlier.addAll(thisRecord);
            thisRecord.clear();
            return false;
        }
        List<String> fields = new ArrayList<>(4);
        for (String f : line.substring(1).split("[\t ]+")) {
            if (!f.isEmpty()) {
                fields.add(f);
            }
        }
        if (fields.isEmpty() || !fields.get(0).startsWith("0x")) {
            return false;
        }
        long pc;
        try {
            pc = Long.parseUnsignedLong(fields.get(0).substring(2), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        if (seenEarlier.contains(pc)) {
            return true; // the same frames under an earlier stack
        }
        thisRecord.add(pc);
        List<Line> lines = byPc.computeIfAbsent(pc, k -> new ArrayList<>(1));
        if (fields.size() >= 3) {
            String name = fields.get(1);
            int offset = name.lastIndexOf("+0x");
            if (offset > 0) {
                name = name.substring(0, offset);
            }
            // The file may hold spaces: it is all that follows the name, up to the last colon.
            String fileLine = String.join(" ", fields.subList(2, fields.size()));
            int colon = fileLine.lastIndexOf(':');
            String file = colon > 0 ? fileLine.substring(0, colon) : fileLine;
            long number = 0;
            try {
                number = colon > 0 ? Long.parseLong(fileLine.substring(colon + 1)) : 0;
            } catch (NumberFormatException e) {
                file = fileLine;
            }
            String key = name + "\0" + file;
            String fileName = file;
            String functionName = name;
            Function fn = functions.computeIfAbsent(key, k -> new Function(functionName, fileName));
            lines.add(new Line(fn, number));
        }
        return true;
    }

    /** Names the locations (at PC, or at the return address when the PC was a function's entry). */
    void apply(Profile p) {
        if (byPc.isEmpty()) {
            return;
        }
        for (Location l : p.locations) {
            List<Line> lines = byPc.get(l.address);
            if (lines == null) {
                lines = byPc.get(l.address + 1);
            }
            if (lines != null) {
                l.lines.clear();
                l.lines.addAll(lines);
            }
        }
        for (Sample s : p.samples) {
            s.locations.removeIf(l -> !byPc.containsKey(l.address) && !byPc.containsKey(l.address + 1));
        }
    }

    /** Tells readers of the profile (go tool pprof among them) that its frames are named already. */
    void markMappings(Profile p) {
        if (byPc.isEmpty()) {
            return;
        }
        for (Mapping m : p.mappings) {
            m.hasFunctions = true;
            m.hasFilenames = true;
            m.hasLineNumbers = true;
            m.hasInlineFrames = true;
        }
    }
}
