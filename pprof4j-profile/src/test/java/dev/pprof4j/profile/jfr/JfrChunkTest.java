package dev.pprof4j.profile.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR reader on crafted chunks: what the agent (mapped) and the command line (a window at a
 * time) read is the same, keys, bounds and cut files behave as documented.
 */
class JfrChunkTest {
    @TempDir
    Path dir;

    private static final TestChunk.Frame RUN = new TestChunk.Frame(7, "a/b/Worker", "run", 42);
    private static final TestChunk.Frame MAIN = new TestChunk.Frame(8, "a/Main", "main", 3);
    /** A JDK method id of a class loaded after the 65 536th: wider than 32 bits. */
    private static final TestChunk.Frame WIDE = new TestChunk.Frame(70_000L << 16 | 5, "a/Late", "load", 9);

    private static TestChunk chunk() {
        return new TestChunk()
                .stack(1, false, RUN, MAIN)
                .stack(2, true, WIDE)
                .thread(11, "worker-1")
                .sample(11, 1).sample(11, 2).sample(11, 1).sample(11, 99); // 99: no such stack
    }

    /** Each sample as "thread;frames;truncated", every chunk read the given way. */
    private List<String> samples(Path file, JfrRecording.Access access, int window, int maxIndexed) throws IOException {
        List<String> out = new ArrayList<>();
        JfrRecording.read(file, access, window, maxIndexed, chunk -> {
            JfrMetadata.Type type = chunk.metadata.type("jdk.ExecutionSample");
            chunk.scanEvents(Map.of(type.id, in -> {
                in.readLong(); // startTime
                String thread = chunk.pools.threadName(in.readLong());
                JfrConstantPools.Stack stack = chunk.pools.stackTrace(in.readLong());
                out.add(thread + ";" + (stack == null ? "none" : stack.frames() + ";" + stack.truncated()));
            }));
        });
        return out;
    }

    private Path write(byte[]... chunks) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            all.writeBytes(c);
        }
        Path file = dir.resolve("crafted.jfr");
        Files.write(file, all.toByteArray());
        return file;
    }

    @Test
    void mappedAndWindowedReadTheSameStacksThreadsAndCuts() throws IOException {
        byte[] one = chunk().bytes();
        Path file = write(one, one);
        List<String> mapped = samples(file, JfrRecording.Access.MAPPED, 0, 1 << 20);
        String run = "Frame[type=null, methodKey=7, hasMethod=true, owner=a.b.Worker, method=run, line=42]";
        String main = "Frame[type=null, methodKey=8, hasMethod=true, owner=a.Main, method=main, line=3]";
        String wide = "Frame[type=null, methodKey=" + (70_000L << 16 | 5) + ", hasMethod=true, owner=a.Late, method=load, line=9]";
        List<String> expected = List.of("worker-1;[" + run + ", " + main + "];false", "worker-1;[" + wide + "];true",
                "worker-1;[" + run + ", " + main + "];false", "worker-1;none");
        List<String> twice = new ArrayList<>(expected);
        twice.addAll(expected);
        assertEquals(twice, mapped);
        // Windows smaller than an event: every event is read through a window of its own size.
        for (int window : new int[] {1, 7, 64, JfrChunkFile.WINDOW_BYTES}) {
            assertEquals(mapped, samples(file, JfrRecording.Access.WINDOWED, window, Integer.MAX_VALUE), "window " + window);
        }
    }

    @Test
    void aChunkHandsTheSameStackForTheSameKey() throws IOException {
        Path file = write(chunk().bytes());
        JfrRecording.read(file, JfrRecording.Access.MAPPED, 0, 1 << 20, chunk -> {
            JfrConstantPools.Stack first = chunk.pools.stackTrace(1);
            assertTrue(first == chunk.pools.stackTrace(1), "decoded once a chunk");
            assertEquals(null, chunk.pools.stackTrace(3));
            assertEquals(null, chunk.pools.threadName(12));
        });
    }

    @Test
    void aStackReadAsKeysNamesTheSameMethodsAndLines() throws IOException {
        Path file = write(chunk().bytes());
        JfrRecording.read(file, JfrRecording.Access.WINDOWED, 16, Integer.MAX_VALUE, chunk -> {
            JfrConstantPools.RawStack one = chunk.pools.readStackTrace(1);
            assertEquals("[7, 8] [42, 3] false", Arrays.toString(one.methods()) + " " + Arrays.toString(one.lines())
                    + " " + one.truncated());
            JfrConstantPools.RawStack cut = chunk.pools.readStackTrace(2);
            assertEquals("[" + (70_000L << 16 | 5) + "] true", Arrays.toString(cut.methods()) + " " + cut.truncated());
            assertEquals(new JfrConstantPools.MethodNames("a.b.Worker", "run"), chunk.pools.method(7));
            assertEquals(new JfrConstantPools.MethodNames("a.Late", "load"), chunk.pools.method(70_000L << 16 | 5));
            assertEquals(null, chunk.pools.method(9));
            assertEquals(null, chunk.pools.readStackTrace(3));
        });
    }

    @Test
    void poolEntriesPastTheBoundAreRefused() throws IOException {
        Path file = write(chunk().bytes());
        // 2 stacks, 3 methods, 3 classes, 6 symbols and a thread: 15 entries indexed
        assertEquals(4, samples(file, JfrRecording.Access.MAPPED, 0, 15).size());
        JfrFormatException e = assertThrows(JfrFormatException.class,
                () -> samples(file, JfrRecording.Access.MAPPED, 0, 14));
        assertTrue(e.getMessage().contains("more than 14 entries"), e.getMessage());
    }

    @Test
    void theLaterEntryOfAKeyCountsWhateverTheOrderIndexed() {
        JfrPoolIndex index = new JfrPoolIndex();
        long wide = 1L << 40;
        index.add(5, 300);
        index.add(wide, 300);
        index.add(5, 100);
        index.add(wide, 100);
        index.add(6, 200);
        assertEquals(300, index.offset(5));
        assertEquals(300, index.offset(wide));
        assertEquals(200, index.offset(6));
        assertEquals(-1, index.offset(7));
        assertEquals(-1, index.offset(-1));
    }

    @Test
    void compressedIntegersReadAlikeNearTheEndAndAwayFromIt() throws JfrFormatException {
        long[] values = {0, 1, 127, 128, 300, Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long v : values) {
            TestChunk.varint(out, v);
        }
        byte[] bytes = out.toByteArray();
        JfrInput in = new JfrInput(ByteBuffer.wrap(bytes), 0, 0);
        for (long v : values) {
            assertEquals(v, in.readLong());
        }
        assertEquals(0, in.remaining());
        JfrFormatException e = assertThrows(JfrFormatException.class, in::readLong);
        assertTrue(e.getMessage().contains("ends in the middle of a value"), e.getMessage());
    }

    @Test
    void everyCutOfTheFileIsReadOrRefusedWithAFormatError() throws IOException {
        byte[] whole = chunk().bytes();
        int refused = 0;
        for (int length = 0; length < whole.length; length++) {
            Path file = write(Arrays.copyOf(whole, length));
            for (JfrRecording.Access access : JfrRecording.Access.values()) {
                try {
                    samples(file, access, 16, 1 << 20);
                    fail("a file cut at " + length + " of " + whole.length + " bytes was read");
                } catch (JfrFormatException expected) {
                    refused++;
                    assertTrue(!expected.getMessage().isBlank() && !expected.getMessage().contains("\n"));
                }
            }
        }
        assertEquals(2 * whole.length, refused);
    }

    @Test
    void aCountLargerThanTheBytesLeftIsRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] bytes = chunk().bytes();
        // Stack 1's frame count: find its "1, truncated 0, 2 frames, method 7" run and make the count huge.
        int at = indexOf(bytes, new byte[] {1, 0, 2, 7});
        assertTrue(at > 0, "the stack pool entry is where the writer put it");
        byte[] hostile = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, hostile, 0, at + 2);
        hostile[at + 2] = (byte) 0xff;
        hostile[at + 3] = (byte) 0xff;
        hostile[at + 4] = (byte) 0xff;
        hostile[at + 5] = (byte) 0xff;
        hostile[at + 6] = 0x07; // 2^31 - 1 frames
        System.arraycopy(bytes, at + 3, hostile, at + 7, bytes.length - at - 3);
        Path file = write(hostile);
        for (JfrRecording.Access access : JfrRecording.Access.values()) {
            JfrFormatException e = assertThrows(JfrFormatException.class, () -> samples(file, access, 16, 1 << 20));
            assertTrue(e.getMessage().contains("count"), e.getMessage());
        }
    }

    private static int indexOf(byte[] bytes, byte[] run) {
        for (int i = 0; i + run.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + run.length, run, 0, run.length)) {
                return i;
            }
        }
        return -1;
    }
}
