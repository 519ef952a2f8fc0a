package dev.pprof4j.profile.jfr;

import java.io.IOException;

/**
 * Where a {@link JfrChunk} gets its bytes: records (the metadata and constant pool events),
 * read whole, and windows over the events, read in order. The agent maps the chunk
 * ({@link JfrMappedChunk}: no copy, no heap); the command line reads it a window at a time
 * ({@link JfrChunkFile}: no mapping of a large file held until a GC).
 */
public interface JfrChunkBytes {
    /** The chunk's size in bytes. */
    int size();

    /** The chunk's bytes {@code [position, position + length)} as a cursor standing at position. */
    JfrInput read(long position, long length, String what) throws IOException;

    /**
     * A cursor over the chunk from {@code position} on, holding at least {@code atLeast} bytes
     * (or all that is left). A window taken before it may no longer be valid.
     */
    JfrInput window(int position, int atLeast) throws IOException;

    /** An error about this chunk, naming where it starts in its file. */
    JfrFormatException error(String what);

    /** The compressed integer at {@code position}: the size that begins every event. */
    default long sizeAt(long position, String what) throws IOException {
        if (position < 0 || position >= size()) {
            throw error(what + " at " + position + " lies outside the chunk (" + size() + " bytes)");
        }
        return read(position, Math.min(JfrChunkFile.MAX_VARLONG_BYTES, size() - position), what).readLong();
    }
}
