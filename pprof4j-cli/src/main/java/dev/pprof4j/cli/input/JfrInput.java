package dev.pprof4j.cli.input;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over bytes of one JFR chunk: a record or a window of it read into an array
 * (positions are the chunk's own; the array holds those from {@code origin} to
 * {@code limit}). Numbers in a chunk's body are JFR's
 * "compressed integers" (LEB128: 7 bits a byte, low bits first, the ninth byte whole);
 * the header is big-endian. Every read is bounds-checked and a bad value ends in a
 * {@link JfrFormatException} naming the position, so a corrupt file cannot make the reader
 * loop, recurse or allocate beyond the file's own size.
 */
final class JfrInput {
    private final byte[] bytes;
    /** The chunk position of bytes[0]. */
    private final int origin;
    /** The chunk position where the bytes held end. */
    private final int limit;
    int position;

    /** Over a whole chunk (or its header) in {@code bytes[0, limit)}. */
    JfrInput(byte[] bytes, int limit) {
        this(bytes, 0, limit);
    }

    /** Over the chunk's bytes [origin, limit), held in {@code bytes} from index 0; stands at origin. */
    JfrInput(byte[] bytes, int origin, int limit) {
        this.bytes = bytes;
        this.origin = origin;
        this.limit = limit;
        this.position = origin;
    }

    int limit() {
        return limit;
    }

    /** A cursor over the same bytes at the same position that ends at {@code end} (within this one's). */
    JfrInput upTo(long end) {
        if (end < position || end > limit) {
            throw new JfrFormatException("a record ending at " + end + " lies outside " + extent());
        }
        JfrInput sub = new JfrInput(bytes, origin, (int) end);
        sub.position = position;
        return sub;
    }

    /** A cursor over the same bytes standing at {@code at} (a position this one has read past). */
    JfrInput at(int at) {
        JfrInput other = new JfrInput(bytes, origin, limit);
        other.position = at;
        return other;
    }

    int remaining() {
        return limit - position;
    }

    void seek(long newPosition, String what) {
        if (newPosition < origin || newPosition > limit) {
            throw new JfrFormatException(what + " at " + newPosition + " lies outside " + extent());
        }
        position = (int) newPosition;
    }

    byte readByte() {
        if (position >= limit) {
            throw truncated();
        }
        return bytes[position++ - origin];
    }

    long readVarLong() {
        byte[] b = bytes;
        if (position + 9 <= limit) { // the common case: no bounds check per byte
            int p = position - origin;
            long result = 0;
            for (int shift = 0; shift < 56; shift += 7) {
                byte x = b[p++];
                result |= (x & 0x7FL) << shift;
                if (x >= 0) {
                    position = p + origin;
                    return result;
                }
            }
            position = p + 1 + origin;
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
        if (at < origin || at + 8 > limit) {
            throw truncated();
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (bytes[at - origin + i] & 0xFFL);
        }
        return v;
    }

    int readRawUnsignedShort(int at) {
        if (at < origin || at + 2 > limit) {
            throw truncated();
        }
        return (bytes[at - origin] & 0xFF) << 8 | bytes[at - origin + 1] & 0xFF;
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
                String s = new String(bytes, position - origin, n, StandardCharsets.UTF_8);
                position += n;
                return s;
            }
            case STRING_LATIN1: {
                int n = readCount("Latin-1 string length");
                String s = new String(bytes, position - origin, n, StandardCharsets.ISO_8859_1);
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
        return new JfrFormatException("truncated at byte " + position + " of " + extent());
    }

    /** What these bytes are, for messages: the chunk, or the part of it read. */
    private String extent() {
        return origin == 0 ? "the chunk (" + limit + " bytes)" : "the bytes read from " + origin + " to " + limit;
    }

    /** Strings that events and constants refer to by key (the java.lang.String constant pool). */
    interface StringPool {
        String string(long key);
    }
}
