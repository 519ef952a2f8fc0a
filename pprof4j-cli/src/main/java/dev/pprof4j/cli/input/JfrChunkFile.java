package dev.pprof4j.cli.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One chunk of a recording file, read a part at a time: the metadata and constant-pool
 * events as records of their own, the events through a window that moves along the chunk.
 * A chunk read whole into the heap is fresh memory its size, and on the machine of
 * docs/BENCHMARKS.md fresh memory costs ~3 ms a MB to touch; the events are most of a chunk
 * (GC phases alone were 3.4 of a 4.4 MB recording) and are looked at once, in order.
 */
final class JfrChunkFile {
    /** The window over the events; an event larger than this gets a window its size. */
    static final int WINDOW_BYTES = 256 << 10;
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
    JfrChunkFile(FileChannel channel, long offset, int size, int windowBytes) {
        this.channel = channel;
        this.offset = offset;
        this.size = size;
        this.windowBytes = windowBytes;
    }

    int size() {
        return size;
    }

    /** The chunk's bytes [position, position + length), within the chunk, as a cursor standing at position. */
    JfrInput read(long position, long length, String what) {
        if (position < 0 || length < 0 || position + length > size) {
            throw new JfrFormatException(what + " at " + position + " (" + length + " bytes) lies outside the chunk ("
                    + size + " bytes)");
        }
        byte[] bytes = new byte[(int) length];
        fill(bytes, (int) position, (int) length);
        return new JfrInput(bytes, (int) position, (int) (position + length));
    }

    /** The compressed integer at {@code position}: the size that begins every event. */
    long sizeAt(long position, String what) {
        if (position < 0 || position >= size) {
            throw new JfrFormatException(what + " at " + position + " lies outside the chunk (" + size + " bytes)");
        }
        return read(position, Math.min(MAX_VARLONG_BYTES, size - position), what).readVarLong();
    }

    /**
     * A cursor over the chunk from {@code position} on, holding at least {@code atLeast} bytes
     * (or all that is left). Reuses one array: a window before it is no longer valid.
     */
    JfrInput window(int position, int atLeast) {
        int length = Math.min(size - position, Math.max(windowBytes, atLeast));
        if (window.length < length) {
            window = new byte[length];
        }
        fill(window, position, length);
        return new JfrInput(window, position, position + length);
    }

    private void fill(byte[] into, int position, int length) {
        try {
            int read = readAt(channel, offset + position, into, length);
            if (read < length) {
                throw new JfrFormatException("the file ends at byte " + (offset + position + read)
                        + ", inside the chunk (it shrank while being read?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the file's bytes from {@code position} into {@code into[0, length)}, in pieces of at
     * most READ_PIECE; returns how many there were (fewer only where the file ends).
     */
    static int readAt(FileChannel channel, long position, byte[] into, int length) throws IOException {
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
