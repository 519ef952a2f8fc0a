package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the finished chunks of a file async-profiler still writes, by their headers alone:
 * two finished chunks, then the one being written (async-profiler's placeholders: a size of
 * 1 GiB and no constant pool offset yet).
 */
class JfrChunksTest {
    @TempDir
    Path dir;

    private static byte[] chunk(int size, long declaredSize, long constantPoolOffset, byte fill) {
        ByteBuffer chunk = ByteBuffer.allocate(size);
        Arrays.fill(chunk.array(), fill);
        chunk.put(new byte[] {'F', 'L', 'R', 0}).putShort((short) 2).putShort((short) 0)
                .putLong(declaredSize).putLong(constantPoolOffset);
        return chunk.array();
    }

    private Path file(byte[]... chunks) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(chunks).mapToInt(c -> c.length).sum());
        for (byte[] c : chunks) {
            all.put(c);
        }
        return Files.write(dir.resolve("recording.jfr"), all.array());
    }

    @Test
    void theFinishedChunksEndWhereTheChunkBeingWrittenStarts() throws IOException {
        byte[] first = chunk(100, 100, 60, (byte) 1);
        byte[] second = chunk(80, 80, 40, (byte) 2);
        byte[] writing = chunk(50, 1L << 30, 0, (byte) 3);
        Path recording = file(first, second, writing);

        assertEquals(180, JfrChunks.finishedEnd(recording, 0));
        assertEquals(180, JfrChunks.finishedEnd(recording, 100));
        assertEquals(180, JfrChunks.finishedEnd(recording, 180), "nothing finished after the last split");

        Path slice = JfrChunks.copy(recording, 100, 180);
        assertArrayEquals(second, Files.readAllBytes(slice));
    }

    @Test
    void aChunkWhoseDeclaredSizeRunsPastTheFileIsStillBeingWritten() throws IOException {
        Path recording = file(chunk(100, 100, 60, (byte) 1), chunk(60, 500, 30, (byte) 2));
        assertEquals(100, JfrChunks.finishedEnd(recording, 0));
    }

    @Test
    void bytesThatAreNotAChunkAreRefusedNamingTheOffset() throws IOException {
        Path recording = file(chunk(100, 100, 60, (byte) 1), new byte[40]);
        IOException e = assertThrows(IOException.class, () -> JfrChunks.finishedEnd(recording, 0));
        assertTrue(e.getMessage().contains("no JFR chunk starts at byte 100"), e.getMessage());
        assertThrows(IOException.class, () -> JfrChunks.copy(recording, 0, 500));
    }
}
