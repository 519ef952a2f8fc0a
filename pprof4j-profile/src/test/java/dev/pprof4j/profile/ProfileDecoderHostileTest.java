package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input ends in a {@link ProfileFormatException} that says what is wrong, within
 * seconds. The module's pom runs this class in a JVM with a small heap (-Xmx160m), so the
 * bombs below also prove the memory bound: an OOM would fail the run.
 */
class ProfileDecoderHostileTest {
    private static final long GIB = 1L << 30;

    /** Each case: a name, the bytes, and a fragment the error message must contain. */
    static Stream<Arguments> malformed() throws IOException {
        byte[] valid = ProfileEncoder.toProtoBytes(TestProfiles.everyField());
        byte[] gz = ProfileEncoder.toGzipBytes(TestProfiles.everyField());
        return Stream.of(
                Arguments.of("empty", new byte[0], "empty input"),
                Arguments.of("random bytes", randomBytes(1, 4096), "parsing profile"),
                Arguments.of("text", "goroutine profile: total 3\n".getBytes(), "parsing profile"),
                Arguments.of("truncated raw", Arrays.copyOf(valid, valid.length - 7), "was it saved completely?"),
                Arguments.of("truncated gzip", Arrays.copyOf(gz, gz.length / 2), "decompressing profile"),
                Arguments.of("gzip header only", Arrays.copyOf(gz, 5), "decompressing profile"),
                Arguments.of("gzip with a damaged body", flip(gz, gz.length / 2), " profile: "),
                Arguments.of("length past the end", topLevel(w -> {
                    w.varint((2 << 3) | 2);
                    w.varint(1_000_000);
                }), "was it saved completely?"),
                Arguments.of("nested length past its message", sample(w -> {
                    w.varint((1 << 3) | 2);
                    w.varint(50); // packed location ids longer than the sample
                    w.varint(1);
                }), "runs past the end of its message"),
                Arguments.of("varint of 11 bytes", new byte[] {0x48, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01},
                        "longer than 64 bits"),
                Arguments.of("wire type mismatch", topLevel(w -> w.int64(1, 7)), "wire type"),
                Arguments.of("group wire type", topLevel(w -> w.varint((1 << 3) | 3)), "wire type"),
                Arguments.of("field number 0", topLevel(w -> w.varint(0)), "field number 0"),
                Arguments.of("string index out of range", profile(w -> {
                    function(w, 1, 1000);
                }), "refers to string 1000"),
                Arguments.of("negative string index", profile(w -> {
                    function(w, 1, -5);
                }), "refers to string -5"),
                Arguments.of("location id out of range", profile(w -> {
                    int s = w.beginMessage(2);
                    w.packed(1, new long[] {99}, 1);
                    w.packed(2, new long[] {1}, 1);
                    w.endMessage(s);
                }), "location id 99"),
                Arguments.of("unknown function id", profile(w -> {
                    location(w, 1, 42);
                }), "unknown function id 42"),
                Arguments.of("line without function", profile(w -> {
                    location(w, 1, 0);
                }), "no function"),
                Arguments.of("duplicate location ids", profile(w -> {
                    function(w, 1, 1);
                    location(w, 3, 1);
                    location(w, 3, 1);
                }), "multiple locations with same id: 3"),
                Arguments.of("duplicate function ids", profile(w -> {
                    function(w, 1, 1);
                    function(w, 1, 1);
                }), "multiple functions with same id: 1"),
                Arguments.of("id zero", profile(w -> function(w, 0, 1)), "reserved id 0"),
                Arguments.of("values do not match sample types", profile(w -> {
                    int s = w.beginMessage(2);
                    w.packed(2, new long[] {1, 2, 3}, 3);
                    w.endMessage(s);
                }), "3 values for 1 sample types"),
                Arguments.of("first string not empty", topLevel(w -> w.string(6, "x")), "string_table[0]"),
                Arguments.of("concatenated profiles", concat(valid, valid), "concatenated profiles"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsRefusedWithAReason(String name, byte[] data, String expected) {
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ProfileFormatException.class, () -> new ProfileDecoder().decode(data)));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
        assertTrue(e.getMessage().matches("(decompressing|parsing|malformed) profile: .*"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    @Test
    void severalGigabytesOfZerosAreRefusedAtTheFirstBlock() throws IOException {
        GzipBomb bomb = new GzipBomb(new byte[0], new byte[] {0}, 64 << 20, 4 * GIB / (64 << 20));
        assertTrue(bomb.compressedSize() < 8 << 20);
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ProfileFormatException.class, () -> new ProfileDecoder().decode(bomb)));
        assertTrue(e.getMessage().contains("field number 0 at byte 0"), e.getMessage());
    }

    @Test
    void severalGigabytesOfWellFormedSamplesHitTheSizeLimit() throws IOException {
        // An endless run of well-formed samples (value 1): the framing check cannot tell,
        // so it is the decompressed-size count that stops it.
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        InputStream bomb = new GzipBomb(sampleTypeHeader(), sample, (64 << 20) - (64 << 20) % 5, 4 * GIB / (64 << 20));
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                ProfileFormatException.class, () -> new ProfileDecoder(2 << 20, "-max_bytes N").decode(bomb)));
        assertTrue(e.getMessage().startsWith("decompressing profile: larger than 2 MiB"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; if it is genuine, raise the limit with -max_bytes N"), e.getMessage());
    }

    @Test
    void theDefaultDecoderNamesItsSystemProperty() {
        byte[] data = new byte[1 << 20];
        String limit = System.getProperty(ProfileDecoder.MAX_BYTES_PROPERTY);
        System.setProperty(ProfileDecoder.MAX_BYTES_PROPERTY, Integer.toString(1000));
        try {
            ProfileFormatException e = assertThrows(ProfileFormatException.class, () -> new ProfileDecoder().decode(data));
            assertTrue(e.getMessage().endsWith("raise the limit with -Dpprof4j.profile.maxBytes=BYTES"), e.getMessage());
        } finally {
            if (limit == null) {
                System.clearProperty(ProfileDecoder.MAX_BYTES_PROPERTY);
            } else {
                System.setProperty(ProfileDecoder.MAX_BYTES_PROPERTY, limit);
            }
        }
    }

    @Test
    void aGzipBombOfWellFormedSamplesUnderTheLimitIsRefusedBeforeTheHeapRunsOut() throws IOException {
        requireSmallHeap();
        // The audit's bomb: 320 MB of 5-byte samples in 470 KB of gzip, under the command
        // line's default 1 GiB limit. Decoded from memory (as from a file) the decoder knows
        // the compressed size and starts its buffer near 6 times that, so the buffer is not
        // what runs out first: the index of 64 million samples (8 bytes each) would be.
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        byte[] bomb = new GzipBomb(sampleTypeHeader(), sample, (64 << 20) - (64 << 20) % 5, 5).readAllBytes();
        assertTrue(bomb.length < 1 << 20, bomb.length + " bytes");
        long start = System.nanoTime();
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                ProfileFormatException.class, () -> new ProfileDecoder(1L << 30, "-max_bytes N").decode(bomb)));
        assertTrue(e.getMessage().startsWith("parsing profile: "), e.getMessage());
        assertTrue(e.getMessage().contains("give the JVM more memory (-Xmx), else it is a bomb"), e.getMessage());
        // Refused on the way, long before the end: the first few MiB of 5-byte samples already
        // stand for more objects than half of this heap.
        assertTrue(e.getMessage().matches(".* samples and 0 locations in the first \\d MiB decompressed need .*"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "took " + (System.nanoTime() - start) / 1e9 + " s");
    }

    @Test
    void samplesThatSwellWithLabelsAreRefusedWhileTheirObjectsAreMade() {
        requireSmallHeap();
        // 100 000 samples, each with 30 labels of its own keys: 18 MB on the wire, about 280 MB
        // in maps and lists. The scan sees only samples of fixed cost (8 MB) and lets it through;
        // the assembler, counting what it makes, refuses it before the heap runs out.
        int samples = 100_000;
        int labels = 30;
        byte[] head = {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02};
        byte[] sample = new byte[3 + 2 + labels * 6];
        int n = 0;
        sample[n++] = 0x12;
        sample[n++] = (byte) (0x80 | ((2 + labels * 6) & 0x7F));
        sample[n++] = (byte) ((2 + labels * 6) >>> 7);
        sample[n++] = 0x10; // value 1
        sample[n++] = 0x01;
        for (int k = 0; k < labels; k++) {
            // label {key: string 3 + k, str: string 3 + labels ("v")}
            byte[] label = {0x1a, 0x04, 0x08, (byte) (3 + k), 0x10, (byte) (3 + labels)};
            System.arraycopy(label, 0, sample, n, label.length);
            n += label.length;
        }
        ProtoWriter strings = new ProtoWriter(1024);
        strings.string(6, "");
        strings.string(6, "samples");
        strings.string(6, "count");
        for (int k = 0; k < labels; k++) {
            strings.string(6, "key" + k);
        }
        strings.string(6, "v");
        byte[] tail = strings.toByteArray();
        byte[] data = new byte[head.length + samples * sample.length + tail.length];
        System.arraycopy(head, 0, data, 0, head.length);
        for (int i = 0; i < samples; i++) {
            System.arraycopy(sample, 0, data, head.length + i * sample.length, sample.length);
        }
        System.arraycopy(tail, 0, data, data.length - tail.length, tail.length);
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ProfileFormatException.class, () -> new ProfileDecoder().decode(data)));
        assertTrue(e.getMessage().startsWith("parsing profile: its 100000 samples, 0 locations and 0 functions need"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(-Xmx)"), e.getMessage());
    }

    @Test
    void theDefaultLimitHoldsInASmallHeapToo() throws IOException {
        requireSmallHeap();
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        InputStream bomb = new GzipBomb(sampleTypeHeader(), sample, (64 << 20) - (64 << 20) % 5, 4 * GIB / (64 << 20));
        // In a 160 MiB heap the default 512 MiB limit cannot be reached: the heap runs out
        // first, and that too must end as a format error, not an OutOfMemoryError.
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ProfileFormatException.class, () -> new ProfileDecoder().decode(bomb)));
        assertTrue(e.getMessage().startsWith("decompressing profile:") || e.getMessage().contains("-Xmx"),
                e.getMessage());
    }

    @Test
    void millionsOfTinySamplesUnderTheLimitAreRefusedBeforeTheyFillTheHeap() throws IOException {
        requireSmallHeap();
        byte[] header = sampleTypeHeader();
        int samples = 3_000_000;
        byte[] data = new byte[header.length + samples * 5];
        System.arraycopy(header, 0, data, 0, header.length);
        byte[] sample = {0x12, 0x03, 0x12, 0x01, 0x01};
        for (int i = 0; i < samples; i++) {
            System.arraycopy(sample, 0, data, header.length + i * 5, 5);
        }
        ProfileFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ProfileFormatException.class, () -> new ProfileDecoder().decode(data)));
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void deepNestingAndSelfReferencesDoNotLoop() throws IOException {
        // 100 000 nested messages in an unknown field: skipped without descending.
        ProtoWriter w = new ProtoWriter(1 << 20);
        int[] marks = new int[100_000];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = w.beginMessage(20);
        }
        for (int i = marks.length - 1; i >= 0; i--) {
            w.endMessage(marks[i]);
        }
        byte[] nested = w.toByteArray();
        // A location, its function and its mapping all with id 1, and a sample that repeats
        // that one location 200 000 times: ids live in separate spaces, nothing recurses.
        byte[] selfish = profile(p -> {
            int m = p.beginMessage(3);
            p.int64(1, 1);
            p.endMessage(m);
            function(p, 1, 1);
            int l = p.beginMessage(4);
            p.int64(1, 1);
            p.int64(2, 1);
            int line = p.beginMessage(4);
            p.int64(1, 1);
            p.endMessage(line);
            p.endMessage(l);
            long[] ids = new long[200_000];
            Arrays.fill(ids, 1);
            int s = p.beginMessage(2);
            p.packed(1, ids, ids.length);
            p.packed(2, new long[] {1}, 1);
            p.endMessage(s);
        });
        Profile p = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            new ProfileDecoder().decode(concat(nested, ProfileEncoder.toProtoBytes(TestProfiles.everyField())));
            return new ProfileDecoder().decode(selfish);
        });
        assertEquals(200_000, p.samples.get(0).locations.size());
        assertEquals(1, p.locations.size());
    }

    /** The heap-bound tests mean something only in the pom's small-heap execution, where CI runs them. */
    private static void requireSmallHeap() {
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20,
                "runs in the small-heap surefire execution (-Xmx160m), as CI does");
    }

    // ---- building hostile inputs ----

    private interface Body {
        void write(ProtoWriter w);
    }

    private static byte[] topLevel(Body body) {
        ProtoWriter w = new ProtoWriter(64);
        body.write(w);
        return w.toByteArray();
    }

    /** A profile with one sample type ("samples/count", strings 1 and 2) and a string table. */
    private static byte[] profile(Body body) {
        ProtoWriter w = new ProtoWriter(64);
        int st = w.beginMessage(1);
        w.int64(1, 1);
        w.int64(2, 2);
        w.endMessage(st);
        body.write(w);
        w.string(6, "");
        w.string(6, "samples");
        w.string(6, "count");
        return w.toByteArray();
    }

    private static byte[] sample(Body body) {
        return profile(w -> {
            int s = w.beginMessage(2);
            body.write(w);
            w.endMessage(s);
        });
    }

    private static byte[] sampleTypeHeader() {
        return profile(w -> {
        });
    }

    private static void function(ProtoWriter w, long id, long name) {
        int f = w.beginMessage(5);
        w.int64(1, id);
        w.int64(2, name);
        w.endMessage(f);
    }

    private static void location(ProtoWriter w, long id, long functionId) {
        int l = w.beginMessage(4);
        w.int64(1, id);
        int line = w.beginMessage(4);
        w.int64Opt(1, functionId);
        w.int64(2, 7);
        w.endMessage(line);
        w.endMessage(l);
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = 0x0A; // not gzip
        return b;
    }

    private static byte[] flip(byte[] data, int at) {
        byte[] copy = data.clone();
        for (int i = at; i < Math.min(copy.length - 8, at + 16); i++) {
            copy[i] ^= 0x5A;
        }
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
