package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory map at the end of a legacy profile, in {@code /proc/self/maps} form or pprof's
 * brief {@code start-end: file} form, and pprof's rules for turning it into mappings: only
 * executable entries, adjacent pieces of one file joined, the main binary first, and
 * {@code $name} replaced by an earlier {@code name=value} line.
 */
final class ProcMaps {
    /** Longer lines are no mapping: skipped, so that the patterns below stay linear. */
    private static final int MAX_LINE = 4096;
    private static final String HEX_RANGE = "\\s*(?:0x)?([0-9a-fA-F]+)[\\s-]?\\s*(?:0x)?([0-9a-fA-F]+):?";
    private static final String PERM = "(?:\\s+([-rwxp]+))?";
    private static final Pattern PROC_MAPS = Pattern.compile("^" + HEX_RANGE + PERM
            + "(?:\\s+([0-9a-fA-F]+))?\\s+[0-9a-fA-F]+:[0-9a-fA-F]+\\s+[0-9]+(?:\\s+(\\S+))?");
    private static final Pattern BRIEF_MAPS = Pattern.compile("^" + HEX_RANGE + PERM
            + "(?:\\s+(\\S+))?(?:\\s+\\(@([0-9a-fA-F]+)\\))?(?:\\s+([0-9a-fA-F]+))?");
    /** A glog prefix, {@code ... file.cc:123] }, that some tools printed before each line. */
    private static final Pattern LOG_PREFIX = Pattern.compile("^[^\\[\\]]+:[0-9]+]\\s");
    private static final Pattern SHARED_LIBRARY = Pattern.compile("([.]so$|[.]so[._][0-9]+)");

    private ProcMaps() {
    }

    /** The mappings listed from the current line's successor to the end. */
    static List<Mapping> parse(TextLines lines) {
        List<Mapping> out = new ArrayList<>();
        Map<String, String> vars = new LinkedHashMap<>();
        while (lines.next()) {
            String line = lines.line();
            if (line.length() > MAX_LINE) {
                continue;
            }
            Matcher log = LOG_PREFIX.matcher(line);
            if (log.find()) {
                line = line.substring(log.end());
            }
            for (Map.Entry<String, String> v : vars.entrySet()) {
                line = line.replace(v.getKey(), v.getValue());
            }
            Mapping m = entry(line);
            if (m == UNRECOGNIZED) {
                int eq = line.indexOf('=');
                if (eq >= 0) {
                    vars.put("$" + line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            } else if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static final Mapping UNRECOGNIZED = new Mapping();

    /** One line's mapping, null for a non-executable one, {@link #UNRECOGNIZED} for no mapping. */
    private static Mapping entry(String line) {
        String start;
        String end;
        String perm;
        String file;
        String offset;
        String buildId = null;
        Matcher m = PROC_MAPS.matcher(line);
        if (m.find()) {
            start = m.group(1);
            end = m.group(2);
            perm = m.group(3);
            offset = m.group(4);
            file = m.group(5);
        } else if ((m = BRIEF_MAPS.matcher(line)).find()) {
            start = m.group(1);
            end = m.group(2);
            perm = m.group(3);
            file = m.group(4);
            offset = m.group(5);
            buildId = m.group(6);
        } else {
            return UNRECOGNIZED;
        }
        if (perm != null && !perm.contains("x")) {
            return null;
        }
        Mapping mapping = new Mapping();
        mapping.file = file == null ? "" : file;
        mapping.buildId = buildId == null ? "" : buildId;
        try {
            mapping.memoryStart = Long.parseUnsignedLong(start, 16);
            mapping.memoryLimit = Long.parseUnsignedLong(end, 16);
            mapping.fileOffset = offset == null ? 0 : Long.parseUnsignedLong(offset, 16);
        } catch (NumberFormatException e) {
            return UNRECOGNIZED;
        }
        return mapping;
    }

    /** pprof's {@code massageMappings}: adjacent pieces joined, the main binary moved first. */
    static List<Mapping> massage(List<Mapping> mappings) {
        if (mappings.size() > 1) {
            List<Mapping> joined = new ArrayList<>();
            joined.add(mappings.get(0));
            for (Mapping m : mappings.subList(1, mappings.size())) {
                Mapping last = joined.get(joined.size() - 1);
                if (adjacent(last, m)) {
                    last.memoryLimit = m.memoryLimit;
                    if (!m.file.isEmpty()) {
                        last.file = m.file;
                    }
                    if (!m.buildId.isEmpty()) {
                        last.buildId = m.buildId;
                    }
                    continue;
                }
                joined.add(m);
            }
            mappings = joined;
        }
        for (int i = 0; i < mappings.size(); i++) {
            String file = mappings.get(i).file.replace("(deleted)", "").strip();
            if (file.isEmpty() || SHARED_LIBRARY.matcher(file).find() || file.charAt(0) == '[') {
                continue;
            }
            Mapping main = mappings.get(i);
            mappings.set(i, mappings.get(0));
            mappings.set(0, main);
            break;
        }
        return mappings;
    }

    private static boolean adjacent(Mapping a, Mapping b) {
        if (!a.file.isEmpty() && !b.file.isEmpty() && !a.file.equals(b.file)) {
            return false;
        }
        if (!a.buildId.isEmpty() && !b.buildId.isEmpty() && !a.buildId.equals(b.buildId)) {
            return false;
        }
        if (a.memoryLimit != b.memoryStart) {
            return false;
        }
        return a.fileOffset == 0 || b.fileOffset == 0
                || a.fileOffset + (a.memoryLimit - a.memoryStart) == b.fileOffset;
    }

    /**
     * pprof's {@code remapMappingIDs}: gives each address location the mapping that holds it
     * (after the heuristics for a remapped main binary), or one fake mapping covering all
     * addresses, which a Go legacy profile (no memory map) gets for all of them.
     */
    static void assign(List<Mapping> mappings, List<Location> locations) {
        if (!mappings.isEmpty() && mappings.get(0).file.startsWith("/anon_hugepage")
                && mappings.size() > 1 && mappings.get(0).memoryLimit == mappings.get(1).memoryStart) {
            mappings.remove(0);
        }
        if (!mappings.isEmpty()) {
            Mapping m = mappings.get(0);
            if (m.memoryStart - m.fileOffset == 0x400000) {
                m.memoryStart = 0x400000;
                m.fileOffset = 0;
            }
        }
        Mapping fake = null;
        next:
        for (Location l : locations) {
            long a = l.address;
            if (l.mapping != null || a == 0) {
                continue;
            }
            for (Mapping m : mappings) {
                if (Long.compareUnsigned(m.memoryStart, a) <= 0 && Long.compareUnsigned(a, m.memoryLimit) < 0) {
                    l.mapping = m;
                    continue next;
                }
            }
            for (Mapping m : mappings) {
                if (m.fileOffset != 0 && Long.compareUnsigned(m.memoryStart - m.fileOffset, a) <= 0
                        && Long.compareUnsigned(a, m.memoryStart) < 0) {
                    m.memoryStart -= m.fileOffset;
                    m.fileOffset = 0;
                    l.mapping = m;
                    continue next;
                }
            }
            if (fake == null) {
                fake = new Mapping();
                fake.memoryLimit = -1L;
                mappings.add(fake);
            }
            l.mapping = fake;
        }
        for (int i = 0; i < mappings.size(); i++) {
            mappings.get(i).id = i + 1;
        }
    }
}
