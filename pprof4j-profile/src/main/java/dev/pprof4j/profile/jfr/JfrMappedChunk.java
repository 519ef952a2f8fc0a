package dev.pprof4j.profile.jfr;

import java.nio.ByteBuffer;

/**
 * One chunk whose bytes are all at hand, usually mapped from its file: records and windows are
 * views of them, so reading copies nothing and allocates nothing per event. The agent reads its
 * own short recordings so (a push window's slice); pool entries are decoded straight from here.
 */
public final class JfrMappedChunk implements JfrChunkBytes {
    private final ByteBuffer chunk;
    private final long offset;

    /** @param offset where the chunk starts in its file, for messages */
    public JfrMappedChunk(ByteBuffer chunk, long offset) {
        this.chunk = chunk;
        this.offset = offset;
    }

    @Override
    public int size() {
        return chunk.limit();
    }

    @Override
    public JfrInput read(long position, long length, String what) throws JfrFormatException {
        if (position < 0 || length < 0 || position + length > size()) {
            throw error(what + " at " + position + " (" + length + " bytes) lies outside the chunk (" + size() + " bytes)");
        }
        return new JfrInput(chunk.slice((int) position, (int) length), (int) position, offset);
    }

    @Override
    public JfrInput window(int position, int atLeast) throws JfrFormatException {
        return read(position, size() - position, "events");
    }

    @Override
    public JfrFormatException error(String what) {
        return new JfrFormatException("malformed JFR chunk at byte " + offset + ": " + what);
    }
}
