package dev.pprof4j.profile;

import java.nio.charset.StandardCharsets;

/**
 * A strict protobuf cursor over a byte array, for one message at a time: every varint is
 * bounded to 10 bytes, every length is checked against the end of its enclosing message,
 * and unknown fields are skipped without descending into them (so no nesting depth can
 * make it recurse). Errors name the byte offset in the decompressed profile. Public so that
 * other wire messages of the project (the Pyroscope push request in tests) are read by it too.
 */
public final class ProtoReader {
    final byte[] buf;
    int pos;
    int end;
    /**
     * Where {@code buf[0]} lies in the decompressed profile: the decoder drops what it has
     * read and no longer needs (merged samples, field headers), so a message may sit earlier
     * in {@code buf} than in the profile; errors name the profile's offsets.
     */
    int origin;

    /** A reader over the whole of {@code buf}. */
    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    ProtoReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    public boolean more() {
        return pos < end;
    }

    public long varint() throws ProfileFormatException {
        int p = pos;
        if (p >= end) {
            throw truncated(p);
        }
        byte b = buf[p++];
        if (b >= 0) {
            pos = p;
            return b;
        }
        long result = b & 0x7F;
        for (int shift = 7; ; shift += 7) {
            if (p >= end) {
                throw truncated(p);
            }
            b = buf[p++];
            if (shift == 63) {
                if ((b & 0xFE) != 0) {
                    throw error("varint longer than 64 bits at byte " + (origin + p - 10));
                }
                pos = p;
                return result | ((long) b << 63);
            }
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                pos = p;
                return result;
            }
        }
    }

    /** Reads a field key; returns {@code field << 3 | wireType} with both checked. */
    public int tag() throws ProfileFormatException {
        int at = pos;
        long key = varint();
        int wire = (int) (key & 7);
        if ((key >>> 3) == 0 || (key >>> 3) > 0x1FFFFFFF) {
            throw error("invalid field number " + (key >>> 3) + " at byte " + (origin + at));
        }
        if (wire != ProtoFields.WIRE_VARINT && wire != ProtoFields.WIRE_FIXED64
                && wire != ProtoFields.WIRE_LEN && wire != ProtoFields.WIRE_FIXED32) {
            throw error("unsupported wire type " + wire + " at byte " + (origin + at));
        }
        return (int) key;
    }

    /** Reads the length of a length-delimited field and checks the field fits. */
    int length() throws ProfileFormatException {
        int at = pos;
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw pastEnd(at, n);
        }
        return (int) n;
    }

    public void skip(int wire) throws ProfileFormatException {
        int n;
        switch (wire) {
            case ProtoFields.WIRE_VARINT -> {
                varint();
                return;
            }
            case ProtoFields.WIRE_FIXED64 -> n = 8;
            case ProtoFields.WIRE_FIXED32 -> n = 4;
            default -> n = length();
        }
        if (n > end - pos) {
            throw truncated(end);
        }
        pos += n;
    }

    /** Requires {@code wire} to be what {@code field} is declared with. */
    void expect(int key, int wire, String field) throws ProfileFormatException {
        if ((key & 7) != wire) {
            throw error(field + " has wire type " + (key & 7) + " instead of " + wire + " at byte "
                    + (origin + pos - 1));
        }
    }

    /** Reads a length-delimited field's bytes (a string, a blob or a nested message). */
    public byte[] bytes() throws ProfileFormatException {
        int n = length();
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    String string(int offset, int length) {
        return new String(buf, offset, length, StandardCharsets.UTF_8);
    }

    ProfileFormatException truncated(int at) {
        if (end == buf.length || at >= buf.length) {
            return error("truncated at byte " + (origin + at) + "; was it saved completely?");
        }
        return error("a value at byte " + (origin + at) + " runs past the end of its message (byte "
                + (origin + end) + ")");
    }

    ProfileFormatException pastEnd(int at, long length) {
        return error("a field of " + Long.toUnsignedString(length) + " bytes at byte " + (origin + at)
                + " runs past the end of its message (byte " + (origin + end) + ")"
                + (end == buf.length ? "; was it saved completely?" : ""));
    }

    static ProfileFormatException error(String message) {
        return new ProfileFormatException("parsing profile: " + message);
    }
}
