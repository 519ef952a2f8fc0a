package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile files through the real {@code pprof4j.jar} in a child JVM with a small heap: each
 * ends in exactly one line on stderr naming the file, a non-zero exit, no stack trace, and
 * within seconds; the 128 MB heap shows memory stays bounded (a 4 GiB bomb would not fit).
 * Two bombs: one of zeros (4 GiB), refused by its framing at the first block, and one of
 * four million distinct samples (36 MB), which only the decoder's heap budget stops. Sixty
 * million equal samples (300 MB, 437 KB of gzip, under the default {@code -max_bytes} of
 * 1 GiB) are no bomb: they merge as they are read, into one sample in a heap of 256 MB.
 */
class HostileInputIT {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws IOException {
        Files.write(dir.resolve("empty"), new byte[0]);
        byte[] random = new byte[64 << 10];
        new Random(42).nextBytes(random);
        Files.write(dir.resolve("random"), random);
        byte[] gz = gzip(profileWithOneSample());
        Files.write(dir.resolve("truncated.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        // protobuf: field 2 (a sample) claiming 16383 bytes, with 3 present
        Files.write(dir.resolve("pastend"), new byte[] {0x12, (byte) 0xff, 0x7f, 0x08, 0x01, 0x10});
        // a sample pointing at location id 99, which does not exist
        Files.write(dir.resolve("badindex"), new byte[] {0x12, 0x04, 0x08, 0x63, 0x10, 0x01, 0x32, 0x00});
        // 4 GiB of zeros: one gzip member of 1 MiB zeros repeated 4096 times (gzip allows members in a row)
        byte[] member = gzip(new byte[1 << 20]);
        try (OutputStream out = Files.newOutputStream(dir.resolve("bomb.gz"))) {
            for (int i = 0; i < 4096; i++) {
                out.write(member);
            }
        }
        Files.write(dir.resolve("samplebomb.gz"), sampleBomb(300_000_000));
        Files.write(dir.resolve("distinctbomb.gz"), distinctSampleBomb(4_000_000));
        Files.createDirectory(dir.resolve("adir"));
        writeTextAndLegacy();
    }

    /**
     * The text and legacy formats (Go's dumps, Java thread dumps, pprof's legacy formats): a
     * stack of 900 000 distinct addresses (8 MB of text, 140 MB as locations) and 200 000
     * distinct goroutines (13 MB) that only the heap estimate stops under -Xmx128m, a CPU
     * stack claiming 2^31 frames, an address past 64 bits, JSON nested 100 000 deep, and
     * headers with nothing after them.
     */
    private static void writeTextAndLegacy() throws IOException {
        StringBuilder deep = new StringBuilder("heap profile: 1: 2 [1: 2] @ heap/1048576\n1: 2 [1: 2] @");
        for (int i = 0; i < 900_000; i++) {
            deep.append(" 0x").append(Integer.toHexString(0x100000 + i * 16));
        }
        Files.writeString(dir.resolve("heap-deep.txt"), deep.append('\n'));
        StringBuilder goroutines = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            goroutines.append("goroutine ").append(i).append(" [chan receive]:\nmain.f").append(i)
                    .append("()\n\t/x.go:").append(i).append(" +0x1\n\n");
        }
        Files.writeString(dir.resolve("goroutines-many.txt"), goroutines);
        java.nio.ByteBuffer cpu = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        cpu.putInt(0).putInt(3).putInt(0).putInt(10000).putInt(0).putInt(1).putInt(0x7fffffff).putInt(1);
        Files.write(dir.resolve("cpu-depth.bin"), cpu.array());
        Files.writeString(dir.resolve("count-overflow.txt"), "goroutine profile: total 1\n1 @ 0x1ffffffffffffffffff\n");
        Files.writeString(dir.resolve("json-deep.json"),
                "{\"threadDump\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        Files.writeString(dir.resolve("jstack-empty.txt"), "2026-12-07 01:41:44\nFull thread dump OpenJDK:\n\n");
        Files.writeString(dir.resolve("heapz-noresolution.txt"), "--- heapz 1 ---\nformat = java\n");
        Files.writeString(dir.resolve("heap-bad-row.txt"), "heap profile: 1: 2 [1: 2] @ heap/1048576\n1: x @ 0x1\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "random", "truncated.gz", "pastend", "badindex", "bomb.gz", "distinctbomb.gz", "adir",
        "missing", "heap-deep.txt", "goroutines-many.txt", "cpu-depth.bin", "count-overflow.txt", "json-deep.json",
        "jstack-empty.txt", "heapz-noresolution.txt", "heap-bad-row.txt"})
    void oneLineErrorNoStackTrace(String name) {
        String file = dir.resolve(name).toString();
        List<String> cmd = CliJar.command(List.of("-Xmx128m"), "-top", file);
        long start = System.nanoTime();
        Command.Result r = Command.run(Duration.ofSeconds(60), cmd);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertNotEquals(0, r.exitCode(), r.stdout());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(1, lines.length, r.stderr());
        assertTrue(lines[0].startsWith("pprof4j: " + file + ": "), lines[0]);
        assertFalse(r.stderr().contains("\tat "), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertFalse(r.stderr().contains("out of memory"), r.stderr());
        assertTrue(seconds < 30, "took " + seconds + "s");
    }

    /**
     * The audit's case, now with distinct samples: equal ones merge as they are read (below),
     * so a bomb has to be made of samples that differ. The decoder's estimate of what the
     * distinct samples would become passes half the heap within the first few MiB, and the
     * refusal says which knob to turn. (This test used to send the bomb of equal samples,
     * refused in the same words before samples were merged while reading.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"-Xmx128m", "-Xmx512m"})
    void aBombOfDistinctSamplesUnderTheSizeLimitIsRefusedBeforeTheHeapRunsOut(String heap) {
        String file = dir.resolve("distinctbomb.gz").toString();
        long start = System.nanoTime();
        Command.Result r = Command.run(Duration.ofSeconds(60), CliJar.command(List.of(heap), "-top", file));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, r.exitCode(), r.stderr());
        List<String> lines = r.stderr().strip().lines().toList();
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).matches("pprof4j: \\Q" + file + "\\E: parsing profile: \\d+ samples and 0 locations "
                + "in the first \\d+ MiB decompressed need more than \\d+ MiB of heap, and a decode may take \\d+ MiB "
                + "in this JVM \\(half of its \\d+ MiB heap\\); if the profile is genuine, give the JVM more memory "
                + "\\(-Xmx\\), else it is a bomb"), lines.get(0));
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    /**
     * Sixty million samples {@code {value: 1}} (and the header's one of value 5) are read right
     * in a heap of 256 MB, and in seconds: they merge into one as they are read, so the decode
     * holds one sample and a buffer of a few MB, not 300 MB of input or 60 million objects.
     */
    @Test
    void sixtyMillionEqualSamplesAreReadRightInASmallHeap() {
        String file = dir.resolve("samplebomb.gz").toString();
        long start = System.nanoTime();
        Command.Result r = Command.run(Duration.ofSeconds(60), CliJar.command(List.of("-Xmx256m"), "-top", file));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("Showing nodes accounting for 0, 0% of 60000005 total"), r.stdout());
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    /**
     * {@code count} samples each of its own location id (which the profile does not have: the
     * budget refuses it before that is found), gzipped: a bomb only as large as its distinct content.
     */
    private static byte[] distinctSampleBomb(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(new java.io.BufferedOutputStream(bytes, 1 << 16), 1 << 16)) {
            gz.write(profileWithOneSample());
            byte[] sample = new byte[16];
            for (int i = 1; i <= count; i++) {
                int n = 2;
                sample[n++] = 0x08; // location_id
                for (int v = i; ; v >>>= 7) {
                    if (v < 0x80) {
                        sample[n++] = (byte) v;
                        break;
                    }
                    sample[n++] = (byte) (v | 0x80);
                }
                sample[n++] = 0x10; // value 1
                sample[n++] = 0x01;
                sample[0] = 0x12;
                sample[1] = (byte) (n - 2);
                gz.write(sample, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    /** {@code size} bytes of the sample {@code {value: 1}} after a sample type and a string table, gzipped. */
    private static byte[] sampleBomb(int size) throws IOException {
        byte[] header = profileWithOneSample();
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        byte[] block = new byte[sample.length << 16];
        for (int i = 0; i < block.length; i++) {
            block[i] = sample[i % sample.length];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            gz.write(header);
            for (int written = 0; written < size; written += block.length) {
                gz.write(block, 0, Math.min(block.length, size - written));
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] profileWithOneSample() {
        // sample_type {type: 1 unit: 2}, sample {value: 5}, string_table "", "samples", "count"
        return new byte[] {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x02, 0x10, 0x05, 0x32, 0x00,
            0x32, 0x07, 's', 'a', 'm', 'p', 'l', 'e', 's', 0x32, 0x05, 'c', 'o', 'u', 'n', 't'};
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }
}
