package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.Sample;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy binary CPU profile (gperftools' {@code profilez}, and Go's before profile.proto):
 * words of 32 or 64 bits, little- or big-endian, the header {@code 0 3 kind period 0} (kind 0
 * C++, 1 Java), then per sample {@code count depth pc...}, an end marker {@code 0 1 0}, and
 * a text trailer: the memory map (C++) or the Java frames' names ({@link JavaLegacyReader}).
 */
final class LegacyCpuReader {
    /** One way of reading words: its width in bytes and byte order. */
    private record Words(int width, boolean bigEndian) {
        long get(byte[] b, int at) {
            long v = 0;
            for (int i = 0; i < width; i++) {
                int shift = 8 * (bigEndian ? width - 1 - i : i);
                v |= (b[at + i] & 0xffL) << shift;
            }
            return v;
        }
    }

    private static final Words[] ENCODINGS = {
        new Words(4, false), new Words(4, true), new Words(8, false), new Words(8, true),
    };

    private LegacyCpuReader() {
    }

    /** The encoding whose header this is, or null. */
    private static Words encoding(byte[] b) {
        for (Words w : ENCODINGS) {
            if (b.length < 5 * w.width) {
                continue;
            }
            long kind = w.get(b, 2 * w.width);
            if (w.get(b, 0) == 0 && w.get(b, w.width) == 3 && (kind == 0 || kind == 1)
                    && w.get(b, 3 * w.width) > 0 && w.get(b, 4 * w.width) == 0) {
                return w;
            }
        }
        return null;
    }

    /** Whether these first bytes are a legacy CPU profile's header. */
    static boolean sniff(byte[] head) {
        return encoding(head) != null;
    }

    static Profile read(byte[] b, HeapEstimate heap) throws ProfileFormatException {
        Words w = encoding(b);
        if (w == null) {
            throw new ProfileFormatException("parsing legacy CPU profile: no header 0 3 0|1 period 0");
        }
        boolean java = w.get(b, 2 * w.width) == 1;
        long periodMicros = w.get(b, 3 * w.width);
        LegacyProfile p = new LegacyProfile("cpu", "nanoseconds", periodMicros * 1000, heap);
        p.sampleType("samples", "count");
        p.sampleType("cpu", "nanoseconds");
        int at = 5 * w.width;
        while (at < b.length) {
            if (b.length - at < 2 * w.width) {
                throw truncated(at);
            }
            long count = w.get(b, at);
            long depth = w.get(b, at + w.width);
            at += 2 * w.width;
            // pprof's bound: a stack deeper than the bytes left is not a profile.
            if (depth < 0 || depth > (b.length - at) / w.width) {
                throw truncated(at);
            }
            long[] pcs = new long[(int) depth];
            for (int i = 0; i < pcs.length; i++, at += w.width) {
                pcs[i] = w.get(b, at);
            }
            if (count == 0 && depth == 1 && pcs[0] == 0) {
                break;
            }
            // C++ stacks hold return addresses above the leaf; Java's hold frame ids.
            p.add(pcs, java ? LegacyProfile.ADJUST_NONE : LegacyProfile.ADJUST_CALLERS,
                    count, count * p.profile.period);
        }
        String trailer = at < b.length ? new String(b, at, b.length - at, StandardCharsets.UTF_8) : "";
        if (java) {
            return JavaLegacyReader.symbolize(p, new TextLines(trailer));
        }
        dropSignalFrames(p.profile.samples);
        Profile profile = p.finish(ProcMaps.parse(new TextLines(trailer)));
        dropDuplicateLeaves(profile.samples);
        return profile;
    }

    private static ProfileFormatException truncated(int at) {
        return new ProfileFormatException("parsing legacy CPU profile: a sample at byte " + at
                + " runs past the end; was it saved completely?");
    }

    /**
     * The profiler's signal handler may show as the second frame of nearly every sample (all
     * but one in 32): pprof removes such a frame, up to twice; the leaf came from the signal
     * context and is right.
     */
    private static void dropSignalFrames(List<Sample> samples) {
        int margin = samples.size() / 32;
        for (int iter = 0; iter < 2; iter++) {
            Map<Long, Integer> second = new HashMap<>();
            for (Sample s : samples) {
                if (s.locations.size() > 1) {
                    second.merge(s.locations.get(1).address, 1, Integer::sum);
                }
            }
            for (Map.Entry<Long, Integer> e : second.entrySet()) {
                if (e.getValue() >= samples.size() - margin) {
                    for (Sample s : samples) {
                        if (s.locations.size() > 1 && s.locations.get(1).address == e.getKey()) {
                            s.locations.remove(1);
                        }
                    }
                    break;
                }
            }
        }
    }

    /** The leaf taken twice, from the unwinder (less one) and the signal context: keep one. */
    static void dropDuplicateLeaves(List<Sample> samples) {
        for (Sample s : samples) {
            if (s.locations.size() > 1 && s.locations.get(0).address == s.locations.get(1).address + 1) {
                s.locations.remove(1);
            }
        }
    }
}
