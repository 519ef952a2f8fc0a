package dev.pprof4j.runtime.collect.cpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The values of one JFR chunk, read at a position that the caller may move: JFR's compressed
 * integers (7 bits a byte, low bits first; a {@code long}'s ninth byte holds 8 bits) and its
 * tagged strings. Every read stays inside the chunk and every length is checked against the
 * bytes left, so a cut or hostile chunk ends in a {@link JfrFormatException}, never in a large
 * allocation.
 */
final class JfrInput {
    /** String encodings, the byte before every string (the JDK's {@code RecordingInput}). */
    private static final int STRING_NULL = 0;
    private static final int STRING_EMPTY = 1;
    private static final int STRING_CONSTANT = 2;
    private static final int STRING_UTF8 = 3;
    private static final int STRING_CHARS = 4;
    private static final int STRING_LATIN1 = 5;

    private final ByteBuffer chunk;
    private final long chunkStart;
    private int position;

    /** @param chunkStart where the chunk starts in its file, for error messages */
    JfrInput(ByteBuffer chunk, long chunkStart) {
        this.chunk = chunk;
        this.chunkStart = chunkStart;
    }

    int position() {
        return position;
    }

    void seek(long to) throws JfrFormatException {
        if (to < 0 || to > chunk.limit()) {
            throw error("offset " + to + " lies outside the chunk of " + chunk.limit() + " bytes");
        }
        position = (int) to;
    }

    int limit() {
        return chunk.limit();
    }

    int remaining() {
        return chunk.limit() - position;
    }

    byte readByte() throws JfrFormatException {
        if (position >= chunk.limit()) {
            throw error("the chunk ends in the middle of a value");
        }
        return chunk.get(position++);
    }

    boolean readBoolean() throws JfrFormatException {
        return readByte() != 0;
    }

    long readLong() throws JfrFormatException {
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

    int readInt() throws JfrFormatException {
        return (int) readLong();
    }

    /** A count of things that each take at least one byte: never more than the bytes left. */
    int readCount(String what) throws JfrFormatException {
        long count = readLong();
        if (count < 0 || count > remaining()) {
            throw error(what + " count " + count + " exceeds the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    void skip(int bytes) throws JfrFormatException {
        if (bytes < 0 || bytes > remaining()) {
            throw error("a value of " + bytes + " bytes runs past the chunk's end");
        }
        position += bytes;
    }

    /** A string value; {@code constants} resolves the constant pool strings (encoding 2), null when skipping. */
    String readString(StringPool constants) throws JfrFormatException {
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
                byte[] bytes = new byte[length];
                chunk.get(position, bytes);
                position += length;
                return new String(bytes, encoding == STRING_UTF8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
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
    interface StringPool {
        String string(long key) throws JfrFormatException;
    }

    JfrFormatException error(String what) {
        return new JfrFormatException("malformed JFR chunk at byte " + chunkStart + " (offset " + position + "): " + what);
    }
}
