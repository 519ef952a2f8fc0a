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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile files through the real {@code pprof4j.jar} in a child JVM with a small heap: each
 * ends in exactly one line on stderr naming the file, a non-zero exit, no stack trace, and
 * within seconds; the 128 MB heap shows memory stays bounded (a 4 GiB bomb would not fit).
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
        Files.createDirectory(dir.resolve("adir"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "random", "truncated.gz", "pastend", "badindex", "bomb.gz", "adir", "missing"})
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
        assertTrue(seconds < 30, "took " + seconds + "s");
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
