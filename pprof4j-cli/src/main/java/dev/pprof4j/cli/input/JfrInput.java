package dev.pprof4j.cli.input;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one JFR chunk held in a byte array. Numbers in a chunk's body are JFR's
 * "compressed integers" (LEB128: 7 bits a byte, low bits first, the ninth byte whole);
 * the header is big-endian. Every read is bounds-checked and a bad value ends in a
 * {@link JfrFormatException} naming the position, so a corrupt file cannot make the reader
 * loop, recurse or allocate beyond the file's own size.
 */
final class JfrInput {
    private final byte[] bytes;
    private final int limit;
    int position;

    JfrInput(byte[] bytes, int limit) {
        this.bytes = bytes;
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** A cursor over the same bytes at the same position that ends at {@code end} (within this one's). */
    JfrInput upTo(long end) {
        if (end < position || end > limit) {
            throw new JfrFormatException("a record ending at " + end + " lies outside the chunk (" + limit + " bytes)");
        }
        JfrInput sub = new JfrInput(bytes, (int) end);
        sub.position = position;
        return sub;
    }

    /** A cursor over the same bytes standing at {@code at} (a position this one has read past). */
    JfrInput at(int at) {
        JfrInput other = new JfrInput(bytes, limit);
        other.position = at;
        return other;
    }

    int remaining() {
        return limit - position;
    }

    void seek(long newPosition, String what) {
        if (newPosition < 0 || newPosition > limit) {
            throw new JfrFormatException(what + " at " + newPosition + " lies outside the chunk (" + limit + " bytes)");
        }
        position = (int) newPosition;
    }

    byte readByte() {
        if (position >= limit) {
            throw truncated();
        }
        return bytes[position++];
    }

    long readVarLong() {
        byte[] b = bytes;
        int p = position;
        if (p + 9 <= limit) { // the common case: no bounds check per byte
            long result = 0;
            for (int shift = 0; shift < 56; shift += 7) {
                byte x = b[p++];
                result |= (x & 0x7FL) << shift;
                if (x >= 0) {
                    position = p;
                    return result;
                }
            }
            position = p + 1;
            return result | (b[p] & 0xFFL) << 56;
        }
        long result = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte x = readByte();
            result |= (x & 0x7FL) << shift;
            if (x >= 0) {
                return result;
            }
        }
        return result | (readByte() & 0xFFL) << 56;
    }

    int readVarInt() {
        return (int) readVarLong();
    }

    /** A count of things that each take at least one byte, so it cannot exceed what is left. */
    int readCount(String what) {
        long count = readVarLong();
        if (count < 0 || count > remaining()) {
            throw new JfrFormatException(what + " count " + count + " at " + position + " exceeds the "
                    + remaining() + " bytes left in the chunk");
        }
        return (int) count;
    }

    void skip(int n) {
        if (n < 0 || n > remaining()) {
            throw truncated();
        }
        position += n;
    }

    long readRawLong(int at) {
        if (at < 0 || at + 8 > limit) {
            throw truncated();
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (bytes[at + i] & 0xFFL);
        }
        return v;
    }

    int readRawUnsignedShort(int at) {
        if (at < 0 || at + 2 > limit) {
            throw truncated();
        }
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    // String encodings (jdk.jfr.internal.consumer.StringParser.Encoding)
    private static final byte STRING_NULL = 0;
    private static final byte STRING_EMPTY = 1;
    private static final byte STRING_CONSTANT_POOL = 2;
    private static final byte STRING_UTF8 = 3;
    private static final byte STRING_CHAR_ARRAY = 4;
    private static final byte STRING_LATIN1 = 5;

    /** A string field; {@code pool} resolves the constant-pool encoding (may be null: then "" for those). */
    String readString(StringPool pool) {
        int at = position;
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL:
                return null;
            case STRING_EMPTY:
                return "";
            case STRING_CONSTANT_POOL: {
                long key = readVarLong();
                return pool == null ? "" : pool.string(key);
            }
            case STRING_UTF8: {
                int n = readCount("UTF-8 string length");
                String s = new String(bytes, position, n, StandardCharsets.UTF_8);
                position += n;
                return s;
            }
            case STRING_LATIN1: {
                int n = readCount("Latin-1 string length");
                String s = new String(bytes, position, n, StandardCharsets.ISO_8859_1);
                position += n;
                return s;
            }
            case STRING_CHAR_ARRAY: {
                int n = readCount("string length");
                char[] chars = new char[n];
                for (int i = 0; i < n; i++) {
                    chars[i] = (char) readVarInt();
                }
                return new String(chars);
            }
            default:
                throw new JfrFormatException("unknown string encoding " + encoding + " at " + at);
        }
    }

    void skipString() {
        int at = position;
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL, STRING_EMPTY -> { }
            case STRING_CONSTANT_POOL -> readVarLong();
            case STRING_UTF8, STRING_LATIN1 -> skip(readCount("string length"));
            case STRING_CHAR_ARRAY -> {
                for (int n = readCount("string length"); n > 0; n--) {
                    readVarLong();
                }
            }
            default -> throw new JfrFormatException("unknown string encoding " + encoding + " at " + at);
        }
    }

    JfrFormatException truncated() {
        return new JfrFormatException("truncated at byte " + position + " of a " + limit + "-byte chunk");
    }

    /** Strings that events and constants refer to by key (the java.lang.String constant pool). */
    interface StringPool {
        String string(long key);
    }
}
