package dev.pprof4j.runtime.collect.cpu;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The chunks of a JFR file that async-profiler is still writing. Its {@code dump} finishes
 * the chunk being written (a chunk is self-contained: its own metadata and constant pools)
 * and starts the next at the file's end. A finished chunk's header holds its real size and
 * the offset of its constant pool, written last; the chunk being written holds a constant
 * pool offset of 0 there until then. So the finished part of the file is a run of chunks
 * that a reader can take while the profiler goes on writing after them.
 */
final class JfrChunks {
    /** "FLR\0", the first four bytes of every chunk. */
    private static final int MAGIC = 0x464c5200;
    /** Magic, version, chunk size, constant pool offset: the header fields read here. */
    private static final int HEADER_BYTES = 24;

    private JfrChunks() {
    }

    /** Where the run of finished chunks starting at byte {@code from} ends; {@code from} when none has finished. */
    static long finishedEnd(Path recording, long from) throws IOException {
        try (FileChannel file = FileChannel.open(recording, StandardOpenOption.READ)) {
            long size = file.size();
            long at = from;
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES); // big-endian, as JFR writes
            while (at + HEADER_BYTES <= size) {
                header.clear();
                while (header.hasRemaining()) {
                    if (file.read(header, at + header.position()) < 0) {
                        throw new EOFException("JFR chunk header cut short at byte " + at);
                    }
                }
                if (header.getInt(0) != MAGIC) {
                    throw new IOException("no JFR chunk starts at byte " + at + " of " + recording);
                }
                long chunkSize = header.getLong(8);
                long constantPoolOffset = header.getLong(16);
                if (constantPoolOffset == 0 || chunkSize < HEADER_BYTES || at + chunkSize > size) {
                    break; // the chunk async-profiler is writing now
                }
                at += chunkSize;
            }
            return at;
        }
    }

    /** Bytes {@code [from, to)} of {@code recording} in a new temporary file, a JFR file of those chunks. */
    static Path copy(Path recording, long from, long to) throws IOException {
        Path slice = Files.createTempFile("pprof4j-cpu-slice-", ".jfr");
        try (FileChannel in = FileChannel.open(recording, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(slice, StandardOpenOption.WRITE)) {
            for (long at = from; at < to; ) {
                long copied = in.transferTo(at, to - at, out);
                if (copied <= 0) {
                    throw new EOFException("JFR recording " + recording + " ends before byte " + to);
                }
                at += copied;
            }
            return slice;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(slice);
            throw e;
        }
    }
}
