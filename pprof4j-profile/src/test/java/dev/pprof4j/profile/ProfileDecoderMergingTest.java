package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ProfileDecoder#mergingSamples()}: equal samples become one as they are read, the
 * memory of a decode follows the distinct samples, and errors still name the profile's own
 * byte offsets although the merged samples' bytes were dropped before them.
 */
class ProfileDecoderMergingTest {
    /** sample {location_id: 1, value: 1}: one frame, 6 bytes, as in the 50 million-sample profile. */
    private static final byte[] ONE_FRAME_SAMPLE = {0x12, 0x04, 0x08, 0x01, 0x10, 0x01};

    @Test
    void equalSamplesBecomeOneInThePlaceOfTheFirst() throws IOException {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        p.sampleTypes.add(new ValueType("cpu", "nanoseconds"));
        Function f = new Function("main", "main.go");
        f.id = 1;
        p.functions.add(f);
        Location a = location(p, 1, f);
        Location b = location(p, 2, f);
        p.samples.add(new Sample(List.of(a, b), 1, 10));
        p.samples.add(new Sample(List.of(b), 2, 20));
        p.samples.add(new Sample(List.of(a, b), 3, 30));
        Sample labelled = new Sample(List.of(a, b), 4, 40);
        labelled.addLabel("span", "x");
        p.samples.add(labelled);
        p.samples.add(new Sample(List.of(b), 5, 50));
        p.samples.add(new Sample(List.of(b), -6, 60)); // negative: kept on its own
        byte[] data = ProfileEncoder.toGzipBytes(p);

        assertEquals(6, new ProfileDecoder().decode(data).samples.size());
        Profile merged = new ProfileDecoder().mergingSamples().decode(data);
        assertEquals(4, merged.samples.size());
        assertArrayEquals(new long[] {4, 40}, merged.samples.get(0).values);
        assertEquals(2, merged.samples.get(0).locations.size());
        assertArrayEquals(new long[] {7, 70}, merged.samples.get(1).values);
        assertArrayEquals(new long[] {4, 40}, merged.samples.get(2).values);
        assertEquals(List.of("x"), merged.samples.get(2).labels.get("span"));
        assertArrayEquals(new long[] {-6, 60}, merged.samples.get(3).values);
    }

    @Test
    void tenMillionEqualSamplesAreReadAsOne() throws IOException {
        byte[] head = oneFrameHeader();
        int samples = 10_000_000;
        InputStream bomb = new GzipBomb(head, ONE_FRAME_SAMPLE, 6 << 20, samples / (1 << 20));
        Profile p = new ProfileDecoder().mergingSamples().decode(bomb);
        assertEquals(1, p.samples.size());
        assertArrayEquals(new long[] {samples / (1 << 20) * (1 << 20)}, p.samples.get(0).values);
        assertEquals("main", p.samples.get(0).locations.get(0).lines.get(0).function().name);
    }

    @Test
    void errorsAfterDroppedSamplesNameTheProfilesOffsets() throws IOException {
        byte[] head = oneFrameHeader();
        int equal = 1_000_000;
        // then a sample naming location 99, which does not exist
        byte[] bad = {0x12, 0x04, 0x08, 0x63, 0x10, 0x01};
        byte[] data = concat(head, equal, bad);
        long at = head.length + (long) equal * ONE_FRAME_SAMPLE.length + 2;
        for (InputStream in : List.of(new ByteArrayInputStream(gzip(data)), new ByteArrayInputStream(data))) {
            ProfileFormatException e = assertThrows(ProfileFormatException.class,
                    () -> new ProfileDecoder().mergingSamples().decode(in));
            assertEquals("malformed profile: sample at byte " + at + " refers to location id 99, which the "
                    + "profile does not have", e.getMessage());
        }
        // a value cut short inside its sample
        byte[] cut = {0x12, 0x02, 0x10, (byte) 0x80};
        ProfileFormatException e = assertThrows(ProfileFormatException.class,
                () -> new ProfileDecoder().mergingSamples().decode(new ByteArrayInputStream(gzip(concat(head, equal, cut)))));
        assertTrue(e.getMessage().startsWith("parsing profile: a value at byte " + (at + 2)), e.getMessage());
    }

    /** A function "main", location 1 calling it, a sample type, and the strings. */
    private static byte[] oneFrameHeader() {
        ProtoWriter w = new ProtoWriter(64);
        int st = w.beginMessage(1);
        w.int64(1, 1);
        w.int64(2, 2);
        w.endMessage(st);
        int l = w.beginMessage(4);
        w.int64(1, 1);
        int line = w.beginMessage(4);
        w.int64(1, 1);
        w.endMessage(line);
        w.endMessage(l);
        int f = w.beginMessage(5);
        w.int64(1, 1);
        w.int64(2, 3);
        w.endMessage(f);
        w.string(6, "");
        w.string(6, "samples");
        w.string(6, "count");
        w.string(6, "main");
        return w.toByteArray();
    }

    private static Location location(Profile p, long id, Function f) {
        Location l = new Location();
        l.id = id;
        l.lines.add(new Line(f, id));
        p.locations.add(l);
        return l;
    }

    private static byte[] concat(byte[] head, int equal, byte[] tail) {
        byte[] data = new byte[head.length + equal * ONE_FRAME_SAMPLE.length + tail.length];
        System.arraycopy(head, 0, data, 0, head.length);
        for (int i = 0; i < equal; i++) {
            System.arraycopy(ONE_FRAME_SAMPLE, 0, data, head.length + i * ONE_FRAME_SAMPLE.length,
                    ONE_FRAME_SAMPLE.length);
        }
        System.arraycopy(tail, 0, data, data.length - tail.length, tail.length);
        return data;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
