package dev.pprof4j.profile.jfr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over bytes of one JFR chunk: the whole chunk mapped, or a record or window of it read
 * into the heap. Positions are the chunk's own; the buffer holds those from {@code origin} to
 * {@code limit}. Numbers in a chunk's body are JFR's compressed integers (7 bits a byte, low
 * bits first; a {@code long}'s ninth byte holds 8 bits), strings are tagged. Every read stays
 * inside the bytes held and every length is checked against the bytes left, so a cut or hostile
 * chunk ends in a {@link JfrFormatException} naming where, never in a large allocation.
 */
public final class JfrInput {
    /** String encodings, the byte before every string (the JDK's {@code StringParser.Encoding}). */
    private static final int STRING_NULL = 0;
    private static final int STRING_EMPTY = 1;
    private static final int STRING_CONSTANT = 2;
    private static final int STRING_UTF8 = 3;
    private static final int STRING_CHARS = 4;
    private static final int STRING_LATIN1 = 5;

    private final ByteBuffer bytes;
    /**
     * The bytes' array when they are in the heap (the command line's windows), else null: read
     * directly, a byte costs an array load even before the JIT compiles this class, which a
     * short conversion runs mostly without (the launcher leaves C2 out).
     */
    private final byte[] array;
    private final int arrayOffset;
    /** Where the chunk starts in its file, for messages. */
    private final long chunkStart;
    /** The chunk position of {@code bytes.get(0)}. */
    private final int origin;
    /** The chunk position where the bytes held (or the record read) end. */
    private final int limit;
    private int position;

    /** Over chunk positions {@code [origin, origin + bytes.limit())}; stands at origin. */
    public JfrInput(ByteBuffer bytes, int origin, long chunkStart) {
        this(bytes, origin, origin + bytes.limit(), chunkStart);
    }

    private JfrInput(ByteBuffer bytes, int origin, int limit, long chunkStart) {
        this.bytes = bytes;
        this.array = bytes.hasArray() ? bytes.array() : null;
        this.arrayOffset = bytes.hasArray() ? bytes.arrayOffset() : 0;
        this.origin = origin;
        this.limit = limit;
        this.chunkStart = chunkStart;
        this.position = origin;
    }

    /** A cursor over the same bytes, standing where this one stands, that ends at {@code end}. */
    public JfrInput upTo(long end) throws JfrFormatException {
        if (end < position || end > limit) {
            throw error("a record ending at " + end + " lies outside the bytes read, " + origin + " to " + limit);
        }
        JfrInput sub = new JfrInput(bytes, origin, (int) end, chunkStart);
        sub.position = position;
        return sub;
    }

    /** Whether chunk position {@code at} lies in the bytes held. */
    boolean holds(long at) {
        return at >= origin && at < limit;
    }

    public int position() {
        return position;
    }

    public void seek(long to) throws JfrFormatException {
        if (to < origin || to > limit) {
            throw error("offset " + to + " lies outside the bytes read, " + origin + " to " + limit);
        }
        position = (int) to;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - position;
    }

    public byte readByte() throws JfrFormatException {
        if (position >= limit) {
            throw error("the chunk ends in the middle of a value");
        }
        return at(position++ - origin);
    }

    /** The byte at index {@code i} of the bytes held. */
    private byte at(int i) {
        return array != null ? array[arrayOffset + i] : bytes.get(i);
    }

    public boolean readBoolean() throws JfrFormatException {
        return readByte() != 0;
    }

    public long readLong() throws JfrFormatException {
        if (limit - position >= 9) { // the common case: one bounds check for the whole value
            int p = position - origin;
            long value = 0;
            for (int shift = 0; shift < 56; shift += 7) {
                byte b = at(p++);
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    position = p + origin;
                    return value;
                }
            }
            position = p + 1 + origin;
            return value | (at(p) & 0xffL) << 56;
        }
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return value | (readByte() & 0xffL) << 56;
    }

    public int readInt() throws JfrFormatException {
        return (int) readLong();
    }

    /** A count of things that each take at least one byte: never more than the bytes left. */
    public int readCount(String what) throws JfrFormatException {
        long count = readLong();
        if (count < 0 || count > remaining()) {
            throw error(what + " count " + count + " exceeds the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    public void skip(int n) throws JfrFormatException {
        if (n < 0 || n > remaining()) {
            throw error("a value of " + n + " bytes runs past the end of the bytes read");
        }
        position += n;
    }

    /** A string value; {@code constants} resolves the constant pool strings (encoding 2), null when skipping. */
    public String readString(StringPool constants) throws JfrFormatException {
        int encoding = readByte();
        switch (encoding) {
            case STRING_NULL:
                return null;
            case STRING_EMPTY:
                return "";
            case STRING_CONSTANT: {
                long key = readLong();
                return constants == null ? null : constants.string(key);
            }
            case STRING_UTF8:
            case STRING_LATIN1: {
                int length = readCount("string byte");
                if (constants == null) {
                    position += length;
                    return null;
                }
                byte[] chars = new byte[length];
                bytes.get(position - origin, chars);
                position += length;
                return new String(chars, encoding == STRING_UTF8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
            case STRING_CHARS: {
                int length = readCount("string char");
                StringBuilder chars = constants == null ? null : new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    char c = (char) readLong();
                    if (chars != null) {
                        chars.append(c);
                    }
                }
                return chars == null ? null : chars.toString();
            }
            default:
                throw error("unknown string encoding " + encoding);
        }
    }

    /** Strings of the chunk's {@code java.lang.String} constant pool, by key. */
    public interface StringPool {
        String string(long key) throws JfrFormatException;
    }

    /**
     * A string table that holds no constants: a string that names one is an error. A class, not
     * a lambda: the command line's cold start would pay for bootstrapping {@code java.lang.invoke}.
     */
    static final class NoConstants implements StringPool {
        private final JfrInput in;
        private final String where;

        NoConstants(JfrInput in, String where) {
            this.in = in;
            this.where = where;
        }

        @Override
        public String string(long key) throws JfrFormatException {
            throw in.error(where + " refers to a constant pool");
        }
    }

    public JfrFormatException error(String what) {
        return new JfrFormatException("malformed JFR chunk at byte " + chunkStart + " (offset " + position + "): " + what);
    }
}
