package dev.pprof4j.profile.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JFR file: chunks one after another, each starting with its header (see {@link JfrChunk}).
 * Each chunk is checked against the file before anything of it is read: the magic, a stated
 * size that fits the rest of the file (0 while a JDK is still writing it).
 */
public final class JfrRecording {
    /** Read at most this much of a chunk at once. JFR's own chunks are 12 MB or so. */
    private static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 64;

    /** What is done with each chunk, in file order. */
    public interface ChunkReader {
        void chunk(JfrChunk chunk) throws IOException;
    }

    /** How a chunk's bytes are read: mapped whole, or a window at a time. */
    public enum Access { MAPPED, WINDOWED }

    private JfrRecording() {
    }

    /**
     * Reads every chunk of {@code file}.
     *
     * @param windowBytes for {@link Access#WINDOWED}, the events read at a time
     * @param maxIndexed  the most constant pool entries a chunk may make the reader index
     */
    public static void read(Path file, Access access, int windowBytes, int maxIndexed, ChunkReader reader)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize == 0) {
                throw new JfrFormatException("the file is empty");
            }
            long offset = 0;
            while (offset < fileSize) {
                byte[] head = new byte[JfrChunk.HEADER_SIZE];
                int headLength = JfrChunkFile.readAt(channel, offset, head, head.length);
                if (headLength < 4 || !JfrChunk.isJfr(head)) {
                    throw new JfrFormatException("no JFR chunk at byte " + offset);
                }
                long size = JfrChunk.statedSize(head, headLength);
                if (size < JfrChunk.HEADER_SIZE || size > fileSize - offset) {
                    throw new JfrFormatException("the chunk at byte " + offset + " states " + size
                            + " bytes but the file has " + (fileSize - offset) + " from there"
                            + (size == 0 ? " (a recording still being written)" : ""));
                }
                if (size > MAX_CHUNK_BYTES) {
                    throw new JfrFormatException("the chunk at byte " + offset + " is larger than 2 GB");
                }
                JfrChunkBytes bytes = access == Access.MAPPED
                        ? new JfrMappedChunk(channel.map(FileChannel.MapMode.READ_ONLY, offset, size), offset)
                        : new JfrChunkFile(channel, offset, (int) size, windowBytes);
                reader.chunk(new JfrChunk(bytes, ByteBuffer.wrap(head), maxIndexed));
                offset += size;
            }
        }
    }
}
