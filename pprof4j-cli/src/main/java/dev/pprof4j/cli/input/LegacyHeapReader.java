package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy heap text: gperftools' heap, growth and fragmentation profiles and Go's
 * {@code heap?debug=1}: a header {@code heap profile: inuse: bytes [alloc: bytes] @ kind/rate},
 * then {@code inuse: bytes [alloc: bytes] @ pc...} per stack. Go writes twice its
 * {@code MemProfileRate} after {@code heap/} (for the old C++ tools' sake) and samples the
 * Poisson way, so values are scaled by {@code 1/(1-exp(-size/rate))}, as pprof does; the
 * {@code #} lines Go adds under each stack name its frames ({@link GoSymbols}).
 */
final class LegacyHeapReader {
    private static final Pattern HEAP_HEADER = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] *@ *(heap[_a-z0-9]*)/?(\\d*)");
    private static final Pattern GROWTH_HEADER = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ (growthz?|fragmentationz?)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *] @([ x0-9a-f]*)");
    /** A header longer than this is no heap profile's (it keeps the patterns' work small). */
    private static final int MAX_HEADER = 512;

    private LegacyHeapReader() {
    }

    static boolean sniff(String firstLine) {
        return firstLine.length() <= MAX_HEADER
                && (HEAP_HEADER.matcher(firstLine).find() || GROWTH_HEADER.matcher(firstLine).find());
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        TextLines lines = new TextLines(text);
        lines.next();
        String header = lines.line();
        LegacyProfile p = new LegacyProfile("space", "bytes", 1, heap);
        boolean v2 = false;
        boolean hasAlloc = false;
        Matcher h = HEAP_HEADER.matcher(header);
        if (header.length() <= MAX_HEADER && h.find()) {
            long rate = h.group(6).isEmpty() ? 0 : parse(h.group(6), lines);
            hasAlloc = (!h.group(3).equals(h.group(1)) && !h.group(3).equals("0"))
                    || (!h.group(4).equals(h.group(2)) && !h.group(4).equals("0"));
            switch (h.group(5)) {
                case "heapz_v2", "heap_v2" -> {
                    v2 = true;
                    p.profile.period = rate;
                }
                case "heapprofile" -> p.profile.period = 1;
                // Go's runtime writes 2*MemProfileRate: the rate is half of it.
                case "heap" -> {
                    v2 = true;
                    p.profile.period = rate / 2;
                }
                default -> throw new ProfileFormatException("parsing heap profile: unknown kind " + h.group(5));
            }
        } else if (header.length() > MAX_HEADER || !GROWTH_HEADER.matcher(header).find()) {
            throw new ProfileFormatException("parsing heap profile: line 1 is no heap profile header");
        }
        if (hasAlloc) {
            // alloc first, so that the default (the last) is inuse_space, as in pprof.
            p.sampleType("alloc_objects", "count");
            p.sampleType("alloc_space", "bytes");
            p.sampleType("inuse_objects", "count");
            p.sampleType("inuse_space", "bytes");
        } else {
            p.sampleType("objects", "count");
            p.sampleType("space", "bytes");
        }
        GoSymbols symbols = new GoSymbols();
        while (lines.next()) {
            String line = lines.line().strip();
            if (symbols.offer(line)) {
                continue;
            }
            if (TextLines.isSpaceOrComment(line)) {
                continue;
            }
            if (TextLines.isMemoryMapSentinel(line)) {
                break;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                throw new ProfileFormatException("parsing heap profile: line " + lines.number()
                        + " is not \"inuse: bytes [alloc: bytes] @ addresses\"");
            }
            long[] values = new long[hasAlloc ? 4 : 2];
            long blockSize = 0;
            int at = 0;
            if (hasAlloc) {
                blockSize = values(m.group(3), m.group(4), "allocation", values, 0, v2, p.profile.period, lines);
                at = 2;
            }
            long inuse = values(m.group(1), m.group(2), "inuse", values, at, v2, p.profile.period, lines);
            blockSize = Math.max(0, inuse >= 0 ? inuse : blockSize);
            Sample s = p.add(LegacyProfile.hexAddresses(m.group(5), lines.number()), LegacyProfile.ADJUST_ALL, values);
            s.addNumLabel("bytes", blockSize, "");
        }
        symbols.apply(p.profile);
        Profile profile = p.finish(TextLines.isMemoryMapSentinel(lines.line()) ? ProcMaps.parse(lines)
                : java.util.List.of());
        symbols.markMappings(profile);
        LegacyFrameInfo.apply(profile);
        return profile;
    }

    /** Puts the scaled count and bytes at {@code values[at]}; returns the block size, -1 when none. */
    private static long values(String countText, String sizeText, String what, long[] values, int at, boolean v2,
            long rate, TextLines lines) throws ProfileFormatException {
        long count = parse(countText, lines);
        long size = parse(sizeText, lines);
        if (count == 0 && size != 0) {
            throw new ProfileFormatException("parsing heap profile: line " + lines.number() + ": " + what
                    + " count was 0 but " + what + " bytes was " + size);
        }
        long blockSize = -1;
        if (count != 0) {
            blockSize = size / count;
            if (v2) {
                long[] scaled = scale(count, size, rate);
                count = scaled[0];
                size = scaled[1];
            }
        }
        values[at] = count;
        values[at + 1] = size;
        return blockSize;
    }

    /**
     * A Poisson-sampled record's estimate of what it stands for: a block of size S is sampled
     * with probability {@code 1-exp(-S/rate)}. A rate of 1 or less means every block was kept.
     */
    static long[] scale(long count, long size, long rate) {
        if (count == 0 || size == 0) {
            return new long[] {0, 0};
        }
        if (rate <= 1) {
            return new long[] {count, size};
        }
        double avg = (double) size / count;
        double scale = 1 / (1 - Math.exp(-avg / rate));
        return new long[] {(long) (count * scale), (long) (size * scale)};
    }

    private static long parse(String digits, TextLines lines) throws ProfileFormatException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ProfileFormatException("parsing heap profile: line " + lines.number() + ": " + digits
                    + " is out of range");
        }
    }
}
