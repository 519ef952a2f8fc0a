package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A profile being read from one of the formats that came before profile.proto: samples of
 * raw addresses, one location per distinct address, and at the end the process's memory
 * map, which says which binary each address belongs to (pprof's {@code ParseMemoryMap}).
 */
final class LegacyProfile {
    final Profile profile = new Profile();
    private final Map<Long, Location> byAddress = new HashMap<>();
    private final HeapEstimate heap;

    LegacyProfile(String periodType, String periodUnit, long period, HeapEstimate heap) {
        this.heap = heap;
        profile.periodType = new ValueType(periodType, periodUnit);
        profile.period = period;
    }

    void sampleType(String type, String unit) {
        profile.sampleTypes.add(new ValueType(type, unit));
    }

    /** The one location of this address. */
    Location location(long address) throws ProfileFormatException {
        Location loc = byAddress.get(address);
        if (loc == null) {
            heap.charge(HeapEstimate.LOCATION, "reading legacy profile");
            loc = new Location();
            loc.address = address;
            byAddress.put(address, loc);
            profile.locations.add(loc);
        }
        return loc;
    }

    /** Frames to take one from: {@link #add}'s {@code adjustFrom} for none, all, all but the leaf. */
    static final int ADJUST_NONE = Integer.MAX_VALUE;
    static final int ADJUST_ALL = 0;
    static final int ADJUST_CALLERS = 1;

    /**
     * A sample of these addresses (leaf first), each from index {@code adjustFrom} on less
     * one: a stack holds return addresses, and one less lands on the call.
     */
    Sample add(long[] addresses, int adjustFrom, long... values) throws ProfileFormatException {
        heap.charge(HeapEstimate.SAMPLE + HeapEstimate.FRAME * addresses.length, "reading legacy profile");
        List<Location> stack = new ArrayList<>(addresses.length);
        for (int i = 0; i < addresses.length; i++) {
            stack.add(location(i >= adjustFrom ? addresses[i] - 1 : addresses[i]));
        }
        Sample s = new Sample(stack, values);
        profile.samples.add(s);
        return s;
    }

    /**
     * Every {@code 0x...} number in {@code text}, as pprof's {@code parseHexAddresses} finds
     * them; a number past 64 bits is an error naming the line.
     */
    static long[] hexAddresses(String text, int lineNumber) throws ProfileFormatException {
        long[] out = new long[8];
        int n = 0;
        for (int i = text.indexOf("0x"); i >= 0; i = text.indexOf("0x", i)) {
            int start = i + 2;
            int end = start;
            while (end < text.length() && isLowerHex(text.charAt(end))) {
                end++;
            }
            if (end == start) {
                i = start;
                continue;
            }
            if (end - start > 16) {
                throw new ProfileFormatException("parsing profile: line " + lineNumber + ": address 0x"
                        + text.substring(start, Math.min(end, start + 20)) + "... is longer than 64 bits");
            }
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = Long.parseUnsignedLong(text, start, end, 16);
            i = end;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /**
     * Ends a Go text profile that names its frames in {@code #} lines ({@link GoSymbols}): the
     * symbols applied, the sections after the samples skipped up to a memory map (pprof ignores
     * them), then {@link #finish(List)} with that map, and the frames' Go names.
     */
    Profile finish(GoSymbols symbols, TextLines lines) {
        symbols.apply(profile);
        while (!TextLines.isMemoryMapSentinel(lines.line()) && lines.next()) {
            // other sections up to a memory map are ignored, as pprof does
        }
        Profile finished = finish(ProcMaps.parse(lines));
        symbols.markMappings(finished);
        LegacyFrameInfo.apply(finished);
        return finished;
    }

    /**
     * Ends the reading as pprof's {@code ParseMemoryMap} does: adds the memory map's binaries,
     * keeps the locations the samples use (numbered in order of first use), and gives each
     * address the binary it falls in, or one fake mapping when none holds it.
     */
    Profile finish(List<Mapping> memoryMap) {
        List<Mapping> mappings = ProcMaps.massage(new ArrayList<>(memoryMap));
        Set<Location> used = new LinkedHashSet<>();
        for (Sample s : profile.samples) {
            used.addAll(s.locations);
        }
        profile.locations.clear();
        long id = 0;
        Map<Function, Boolean> functions = new LinkedHashMap<>(); // Function has identity equality
        for (Location l : used) {
            l.id = ++id;
            profile.locations.add(l);
            for (Line line : l.lines) {
                functions.putIfAbsent(line.function(), Boolean.TRUE);
            }
        }
        profile.functions.clear();
        long fid = 0;
        for (Function f : functions.keySet()) {
            f.id = ++fid;
            profile.functions.add(f);
        }
        ProcMaps.assign(mappings, profile.locations);
        profile.mappings.clear();
        profile.mappings.addAll(mappings);
        return profile;
    }
}
