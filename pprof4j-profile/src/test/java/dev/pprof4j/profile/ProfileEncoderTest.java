package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.GoPprof;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileEncoderTest {
    @TempDir
    Path dir;

    @Test
    void goToolPprofReadsEveryFieldWeWrite() throws IOException {
        Profile p = TestProfiles.everyField();
        Path file = dir.resolve("every.pb.gz");
        ProfileEncoder.writeGzip(p, file);

        GoRawProfile raw = GoRawProfile.parse(GoPprof.run("-raw", "-symbolize=none", file.toString()));

        assertEquals(GoRawProfile.asGoShows(p), raw.samples);
        assertEquals(List.of("alloc_objects/count", "alloc_space/bytes", "inuse_objects/count",
                "inuse_space/bytes[dflt]"), raw.sampleTypes);
        assertTrue(raw.header.contains("Comment: engine: pprof4j test"), raw.header::toString);
        assertTrue(raw.header.contains("Comment: sampling every 512 KiB"), raw.header::toString);
        assertTrue(raw.header.contains("PeriodType: space bytes"), raw.header::toString);
        assertTrue(raw.header.contains("Period: 524288"), raw.header::toString);
        assertTrue(raw.header.contains("Duration: 30s"), raw.header::toString);
        assertTrue(raw.header.stream().anyMatch(h -> h.startsWith("Time: 2023-11-14")), raw.header::toString);
        assertTrue(raw.mappings.stream().anyMatch(m -> m.matches("\\d+: 0x1000/0x9000/0x200 \\[jvm\\] abc123 \\[FN\\]\\[FL\\]\\[LN\\]\\[IN\\]")),
                raw.mappings::toString);
    }

    @Test
    void largeProfileRoundTripsThroughGo() throws IOException {
        Profile p = TestProfiles.large(7, 3000, 500);
        Path file = dir.resolve("large.pb.gz");
        ProfileEncoder.writeGzip(p, file);
        GoRawProfile raw = GoRawProfile.parse(GoPprof.run("-raw", "-symbolize=none", file.toString()));
        assertEquals(GoRawProfile.asGoShows(p), raw.samples);
    }

    @Test
    void stringTableStartsWithEmptyStringAndIdsAreAssigned() throws IOException {
        Profile p = TestProfiles.everyField();
        byte[] proto = ProfileEncoder.toProtoBytes(p);
        // The first string_table entry (field 6, wire type 2) must be the empty string.
        int first = indexOf(proto, (byte) ((6 << 3) | 2));
        assertTrue(first >= 0);
        assertEquals(0, proto[first + 1], "string_table[0] must be empty");
        Set<Long> ids = new HashSet<>();
        for (Location l : p.locations) {
            assertNotEquals(0, l.id);
            assertTrue(ids.add(l.id), "duplicate location id " + l.id);
        }
        assertArrayEquals(proto, ProfileEncoder.toProtoBytes(p), "encoding twice gives the same bytes");
    }

    @Test
    void gzipOutputIsTheRawEncodingCompressed() throws IOException {
        Profile p = TestProfiles.everyField();
        byte[] gz = ProfileEncoder.toGzipBytes(p);
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        assertArrayEquals(ProfileEncoder.toProtoBytes(p), unzipped);
    }

    @Test
    void duplicateAndUnlistedObjectsGetFreshIds() throws IOException {
        Function f1 = new Function("a", "a.go");
        Function f2 = new Function("b", "b.go");
        f1.id = 5;
        f2.id = 5;
        Location l1 = new Location(new Line(f1, 1));
        Location l2 = new Location(new Line(f2, 2));
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        p.samples.add(new Sample(new java.util.ArrayList<>(List.of(l1, l2)), 9));
        Path file = dir.resolve("ids.pb.gz");
        ProfileEncoder.writeGzip(p, file);
        assertEquals(5, f1.id);
        assertNotEquals(5, f2.id);
        GoRawProfile raw = GoRawProfile.parse(GoPprof.run("-raw", "-symbolize=none", file.toString()));
        assertEquals(List.of("9 | a a.go:1;b b.go:2 | "), raw.samples);
        assertTrue(Files.size(file) > 0);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
