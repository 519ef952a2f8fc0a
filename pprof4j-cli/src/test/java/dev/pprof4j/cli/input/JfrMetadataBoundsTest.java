package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.Main;
import dev.pprof4j.profile.jfr.JfrMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted recordings whose metadata event is too large, or claims more than it holds: the
 * command line must end each in one line and exit 1, with no stack trace and no OOM.
 */
class JfrMetadataBoundsTest {
    private static final byte STRING_EMPTY = 1;

    @TempDir
    Path dir;

    /**
     * One chunk: the 68-byte header, then at 68 the metadata event: its stated size, type 0,
     * start, duration and id (0 each), a string count, then {@code body} (the rest of the
     * chunk, {@code bodyLength} bytes of it, each an empty string's encoding).
     */
    private static byte[] chunk(long statedSize, long stringCount, int bodyLength) {
        ByteBuffer event = ByteBuffer.allocate(40);
        putVarLong(event, statedSize);
        for (int i = 0; i < 4; i++) {
            putVarLong(event, 0); // type id 0 (metadata), start, duration, metadata id
        }
        putVarLong(event, stringCount);
        int head = 68 + event.position();
        byte[] bytes = new byte[head + bodyLength];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.put("FLR\0".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 2).putShort((short) 1);
        b.putLong(bytes.length); // chunk size
        b.putLong(68); // constant pools: never reached, the metadata fails first
        b.putLong(68); // metadata event
        b.putLong(0).putLong(0).putLong(0).putLong(1_000_000_000L); // start, duration, start ticks, ticks/s
        b.putInt(0); // features
        b.put(event.array(), 0, event.position());
        Arrays.fill(bytes, head, bytes.length, STRING_EMPTY);
        return bytes;
    }

    private static void putVarLong(ByteBuffer b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.put((byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    private String failure(byte[] recording) throws Exception {
        Path file = dir.resolve("crafted.jfr");
        Files.write(file, recording);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"-top", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, stderr);
        assertEquals(1, stderr.lines().count(), stderr);
        assertFalse(stderr.contains("\tat "), stderr);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        return stderr;
    }

    @Test
    void aMetadataEventOverTheCapIsRefusedBeforeItsStringsAreRead() throws Exception {
        int size = (int) JfrMetadata.MAX_METADATA_BYTES + (1 << 20);
        // 9 MiB of one-byte strings: a String per byte if read; the cap refuses it first
        String err = failure(chunk(size, size - 16, size));
        assertTrue(err.startsWith("pprof4j: "), err);
        assertTrue(err.contains("the metadata event at 68 claims " + size + " bytes; at most "
                + JfrMetadata.MAX_METADATA_BYTES + " are read"), err);
    }

    @Test
    void aMetadataEventLongerThanItsChunkIsRefused() throws Exception {
        String err = failure(chunk(1_000_000, 10, 100));
        assertTrue(err.contains("the metadata event at 68 claims 1000000 bytes; the chunk has"), err);
    }

    @Test
    void readingStopsAtTheEndOfTheMetadataEventNotOfTheChunk() throws Exception {
        // the event says 20 bytes but counts 1 000 strings; the chunk goes on for 5 000 bytes
        String err = failure(chunk(20, 1_000, 5_000));
        assertTrue(err.contains("metadata string count 1000"), err);
    }
}
