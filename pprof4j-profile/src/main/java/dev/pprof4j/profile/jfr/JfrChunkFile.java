package dev.pprof4j.profile.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One chunk of a recording file, read a part at a time: the metadata and constant pool
 * events as records of their own, the events through a window that moves along the chunk.
 * A chunk read whole into the heap is fresh memory its size, and on the machine of
 * docs/BENCHMARKS.md fresh memory costs ~3 ms a MB to touch; the events are most of a chunk
 * (GC phases alone were 3.4 of a 4.4 MB recording) and are looked at once, in order.
 */
public final class JfrChunkFile implements JfrChunkBytes {
    /** The window over the events; an event larger than this gets a window its size. */
    public static final int WINDOW_BYTES = 256 << 10;
    /** The most read at once: a channel reads into the heap through a temporary direct buffer of the read's size. */
    private static final int READ_PIECE = 64 << 10;
    /** A compressed integer's most bytes. */
    static final int MAX_VARLONG_BYTES = 9;

    private final FileChannel channel;
    private final long offset;
    private final int size;
    private final int windowBytes;
    private byte[] window = new byte[0];

    /** The chunk of {@code size} bytes at {@code offset} in the file; events are read {@code windowBytes} at a time. */
    public JfrChunkFile(FileChannel channel, long offset, int size, int windowBytes) {
        this.channel = channel;
        this.offset = offset;
        this.size = size;
        this.windowBytes = windowBytes;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public JfrInput read(long position, long length, String what) throws IOException {
        if (position < 0 || length < 0 || position + length > size) {
            throw error(what + " at " + position + " (" + length + " bytes) lies outside the chunk (" + size + " bytes)");
        }
        byte[] bytes = new byte[(int) length];
        fill(bytes, (int) position, (int) length);
        return new JfrInput(ByteBuffer.wrap(bytes), (int) position, offset);
    }

    @Override
    public JfrInput window(int position, int atLeast) throws IOException {
        int length = Math.min(size - position, Math.max(windowBytes, atLeast));
        if (window.length < length) {
            window = new byte[length];
        }
        fill(window, position, length);
        return new JfrInput(ByteBuffer.wrap(window, 0, length).slice(), position, offset);
    }

    @Override
    public JfrFormatException error(String what) {
        return new JfrFormatException("malformed JFR chunk at byte " + offset + ": " + what);
    }

    private void fill(byte[] into, int position, int length) throws IOException {
        int read = readAt(channel, offset + position, into, length);
        if (read < length) {
            throw error("the file ends at byte " + (offset + position + read) + ", inside the chunk (it shrank while being read?)");
        }
    }

    /**
     * Reads the file's bytes from {@code position} into {@code into[0, length)}, in pieces of at
     * most READ_PIECE; returns how many there were (fewer only where the file ends).
     */
    public static int readAt(FileChannel channel, long position, byte[] into, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.position() < length) {
            buffer.limit(Math.min(length, buffer.position() + READ_PIECE));
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.position();
    }
}
