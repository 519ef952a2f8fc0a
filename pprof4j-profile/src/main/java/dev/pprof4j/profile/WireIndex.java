package dev.pprof4j.profile;

import static dev.pprof4j.profile.ProtoFields.*;

import java.util.Arrays;

/**
 * The first pass over an encoded profile: where each top-level message lies, and the
 * top-level scalars. The string table may follow the samples that use it (go and pprof4j
 * both write it late), so nothing can be resolved until the whole profile was seen.
 *
 * <p>The scan is resumable: it is fed while the input is still being decompressed and
 * checks the framing as the bytes arrive, so garbage (a gzip bomb of zeros, a file that is
 * not a profile) is refused after the first block instead of after the size limit.
 *
 * <p>Unless it scans a buffer in place, it keeps only the messages it will need, moved to
 * the front of the buffer ({@code [0, kept)}) as they are scanned; field headers, scalars
 * and comments are read there and then and dropped, and so are samples merged into earlier
 * ones when a {@link SampleAggregator} merges them. The decoder then reuses the rest of the
 * buffer for more input ({@link #compact}), so a profile of many equal samples is read in a
 * buffer the size of its distinct content. Offsets in errors are the profile's, not the buffer's.
 */
final class WireIndex {
    /** Offsets and lengths of one kind of top-level message, in order of appearance. */
    final class Spans {
        int[] offsets = new int[16];
        int[] lengths = new int[16];
        /** Where each message lies in the profile ({@link #offsets} are in the buffer). */
        int[] origins = new int[16];
        int count;

        void add(int offset, int length, int origin) throws ProfileFormatException {
            if (count == offsets.length) {
                grow(origin);
            }
            offsets[count] = offset;
            lengths[count] = length;
            origins[count++] = origin;
        }

        private void grow(int at) throws ProfileFormatException {
            // The arrays live twice while they are copied; the index of a bomb of tiny
            // messages is the biggest thing it makes before its objects.
            requireHeap(12L * count * 2, at);
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            origins = Arrays.copyOf(origins, count * 2);
        }

        long heapBytes() {
            return 12L * offsets.length + 48;
        }
    }

    final Spans sampleTypes = new Spans();
    final Spans samples = new Spans();
    final Spans mappings = new Spans();
    final Spans locations = new Spans();
    final Spans functions = new Spans();
    final Spans strings = new Spans();
    long[] comments = new long[4];
    int commentCount;
    int periodTypeOffset = -1;
    int periodTypeLength;
    int periodTypeOrigin;
    long dropFrames;
    long keepFrames;
    long timeNanos;
    long durationNanos;
    long period;
    long defaultSampleType;
    long docUrl;

    private final HeapBudget budget;
    /** Merges samples as they are scanned; null when every sample is kept. */
    final SampleAggregator aggregator;
    /** True when the buffer is the caller's: messages stay where they are and nothing is dropped. */
    private final boolean inPlace;
    /** The end of the messages kept at the front of the buffer. */
    int kept;
    /** Where {@code buf[0]} of the part not yet scanned lies in the profile (what was dropped before it). */
    int origin;
    /** What the decoder holds besides this index: the buffer being scanned. */
    long bufferBytes;
    private boolean timeSeen;
    private long value; // result of the last tryVarint

    /**
     * An index that scans the caller's buffer in place ({@code inPlace}) or one it may
     * rearrange, merging samples as it goes when {@code mergeSamples}.
     */
    WireIndex(HeapBudget budget, boolean inPlace, boolean mergeSamples) {
        this.budget = budget;
        this.inPlace = inPlace;
        this.aggregator = mergeSamples ? new SampleAggregator(this) : null;
    }

    /**
     * Moves the part not yet scanned, {@code buf[scanned, filled)}, to just after the kept
     * messages so that the rest of the buffer can take more input; returns the new
     * {@code filled}, and the new {@code scanned} is {@link #kept}.
     */
    int compact(byte[] buf, int scanned, int filled) {
        if (inPlace || scanned == kept) {
            return filled;
        }
        System.arraycopy(buf, scanned, buf, kept, filled - scanned);
        origin += scanned - kept;
        return kept + filled - scanned;
    }

    /**
     * Scans the complete top-level fields of {@code buf[from, filled)}; returns the offset of
     * the first field not yet complete ({@code filled} when all were).
     */
    int scan(byte[] buf, int from, int filled) throws ProfileFormatException {
        int p = from;
        while (p < filled) {
            int start = p;
            p = tryVarint(buf, p, filled);
            if (p < 0) {
                return start;
            }
            long key = value;
            int field = (int) Math.min(key >>> 3, Integer.MAX_VALUE);
            int wire = (int) (key & 7);
            if (field == 0) {
                throw ProtoReader.error("invalid field number 0 at byte " + (origin + start)
                        + "; is this a pprof profile?");
            }
            if (wire == WIRE_LEN) {
                int lengthAt = p;
                p = tryVarint(buf, p, filled);
                if (p < 0) {
                    return start;
                }
                if (value < 0 || value > Integer.MAX_VALUE - 16) {
                    throw ProtoReader.error("a field of " + Long.toUnsignedString(value) + " bytes at byte "
                            + (origin + lengthAt) + " is larger than any profile");
                }
                int length = (int) value;
                if ((long) p + length > filled) {
                    return start;
                }
                lengthDelimited(buf, field, p, length, start);
                p += length;
            } else if (wire == WIRE_VARINT) {
                p = tryVarint(buf, p, filled);
                if (p < 0) {
                    return start;
                }
                scalar(field, value, origin + start);
            } else if (wire == WIRE_FIXED64 || wire == WIRE_FIXED32) {
                int n = wire == WIRE_FIXED64 ? 8 : 4;
                if (p + n > filled) {
                    return start;
                }
                requireUnknown(field, wire, origin + start);
                p += n;
            } else {
                throw ProtoReader.error("unsupported wire type " + wire + " at byte " + (origin + start)
                        + "; is this a pprof profile?");
            }
        }
        return p;
    }

    /** The heap this index takes. */
    long heapBytes() {
        return sampleTypes.heapBytes() + samples.heapBytes() + mappings.heapBytes() + locations.heapBytes()
                + functions.heapBytes() + strings.heapBytes() + 8L * comments.length
                + (aggregator == null ? 0 : aggregator.heapBytes());
    }

    /**
     * A low estimate of the heap the messages seen so far become: each one's fixed cost, not
     * what its contents add (stacks, lines, labels), which the assembler counts as it goes.
     */
    long objectBytes() {
        return samples.count * HeapBudget.SAMPLE + locations.count * HeapBudget.LOCATION
                + sampleTypes.count * HeapBudget.VALUE_TYPE + commentCount * HeapBudget.REFERENCE
                + functions.count * HeapBudget.FUNCTION + mappings.count * HeapBudget.MAPPING
                + strings.count * HeapBudget.STRING_SLOT;
    }

    /**
     * Refuses the profile when what the decoder holds (the buffer and this index, plus
     * {@code extra} about to be allocated) and what the messages seen so far will become
     * pass the budget: everything grows with the input, so that profile cannot fit.
     * {@code at} is how far into the profile the scan is.
     */
    void requireHeap(long extra, int at) throws ProfileFormatException {
        long estimate = bufferBytes + extra + heapBytes() + objectBytes();
        if (estimate > budget.limit()) {
            throw budget.refuse(samples.count + " samples and " + locations.count + " locations in the first "
                    + (at >> 20) + " MiB decompressed", estimate);
        }
    }

    HeapBudget budget() {
        return budget;
    }

    private void lengthDelimited(byte[] buf, int field, int offset, int length, int start)
            throws ProfileFormatException {
        int at = origin + offset;
        switch (field) {
            case PROFILE_SAMPLE_TYPE -> sampleTypes.add(keep(buf, offset, length), length, at);
            case PROFILE_SAMPLE -> {
                if (aggregator == null || aggregator.add(buf, offset, length, origin, samples)) {
                    samples.add(keep(buf, offset, length), length, at);
                }
            }
            case PROFILE_MAPPING -> mappings.add(keep(buf, offset, length), length, at);
            case PROFILE_LOCATION -> locations.add(keep(buf, offset, length), length, at);
            case PROFILE_FUNCTION -> functions.add(keep(buf, offset, length), length, at);
            case PROFILE_STRING_TABLE -> strings.add(keep(buf, offset, length), length, at);
            case PROFILE_PERIOD_TYPE -> {
                periodTypeOffset = keep(buf, offset, length);
                periodTypeLength = length;
                periodTypeOrigin = at;
            }
            case PROFILE_COMMENT -> {
                ProtoReader packed = new ProtoReader(buf, offset, offset + length);
                packed.origin = origin;
                while (packed.more()) {
                    addComment(packed.varint(), at);
                }
            }
            case PROFILE_DROP_FRAMES, PROFILE_KEEP_FRAMES, PROFILE_TIME_NANOS, PROFILE_DURATION_NANOS,
                    PROFILE_PERIOD, PROFILE_DEFAULT_SAMPLE_TYPE, PROFILE_DOC_URL ->
                    throw wrongWire(field, WIRE_LEN, origin + start);
            default -> {
                // An unknown field from a newer profile.proto: skipped, as protobuf requires.
            }
        }
    }

    /** Keeps the message {@code buf[offset, offset + length)}; returns where it now is. */
    private int keep(byte[] buf, int offset, int length) {
        if (inPlace) {
            return offset;
        }
        System.arraycopy(buf, offset, buf, kept, length);
        kept += length;
        return kept - length;
    }

    private void scalar(int field, long v, int at) throws ProfileFormatException {
        switch (field) {
            case PROFILE_DROP_FRAMES -> dropFrames = v;
            case PROFILE_KEEP_FRAMES -> keepFrames = v;
            case PROFILE_TIME_NANOS -> {
                if (timeSeen) {
                    // Two profiles concatenated byte-wise parse as one with every field twice.
                    throw ProtoReader.error("concatenated profiles detected (time_nanos twice, at byte " + at
                            + "); merge them with pprof4j instead of cat");
                }
                timeSeen = true;
                timeNanos = v;
            }
            case PROFILE_DURATION_NANOS -> durationNanos = v;
            case PROFILE_PERIOD -> period = v;
            case PROFILE_DEFAULT_SAMPLE_TYPE -> defaultSampleType = v;
            case PROFILE_DOC_URL -> docUrl = v;
            case PROFILE_COMMENT -> addComment(v, at);
            case PROFILE_SAMPLE_TYPE, PROFILE_SAMPLE, PROFILE_MAPPING, PROFILE_LOCATION, PROFILE_FUNCTION,
                    PROFILE_STRING_TABLE, PROFILE_PERIOD_TYPE -> throw wrongWire(field, WIRE_VARINT, at);
            default -> {
            }
        }
    }

    private void addComment(long stringIndex, int at) throws ProfileFormatException {
        if (commentCount == comments.length) {
            requireHeap(8L * commentCount * 2, at);
            comments = Arrays.copyOf(comments, commentCount * 2);
        }
        comments[commentCount++] = stringIndex;
    }

    private static void requireUnknown(int field, int wire, int at) throws ProfileFormatException {
        if (field <= PROFILE_DOC_URL) {
            throw wrongWire(field, wire, at);
        }
    }

    private static ProfileFormatException wrongWire(int field, int wire, int at) {
        return ProtoReader.error("field " + field + " of Profile has wire type " + wire + " at byte " + at
                + ", which profile.proto does not allow");
    }

    /** Reads a varint at {@code p}; returns the offset after it, or -1 when it is not complete yet. */
    private int tryVarint(byte[] buf, int p, int filled) throws ProfileFormatException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= filled) {
                return -1;
            }
            byte b = buf[p++];
            if (shift == 63 && (b & 0xFE) != 0) {
                throw ProtoReader.error("varint longer than 64 bits at byte " + (origin + p - 10));
            }
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                value = result;
                return p;
            }
        }
        throw ProtoReader.error("varint longer than 64 bits at byte " + (origin + p - 10));
    }
}
