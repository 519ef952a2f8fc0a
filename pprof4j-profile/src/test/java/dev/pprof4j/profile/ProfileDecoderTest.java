package dev.pprof4j.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileDecoderTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldSurvivesEncodeThenDecode() throws IOException {
        Profile in = TestProfiles.everyField();
        Profile out = new ProfileDecoder().decode(ProfileEncoder.toGzipBytes(in));

        assertEquals(in.sampleTypes, out.sampleTypes);
        assertEquals(in.periodType, out.periodType);
        assertEquals(in.period, out.period);
        assertEquals(in.timeNanos, out.timeNanos);
        assertEquals(in.durationNanos, out.durationNanos);
        assertEquals(in.dropFrames, out.dropFrames);
        assertEquals(in.keepFrames, out.keepFrames);
        assertEquals(in.comments, out.comments);
        assertEquals(in.defaultSampleType, out.defaultSampleType);
        assertEquals(in.docUrl, out.docUrl);
        assertEquals(GoRawProfile.canonicalSamples(in), GoRawProfile.canonicalSamples(out));

        assertEquals(in.mappings.size(), out.mappings.size());
        for (int i = 0; i < in.mappings.size(); i++) {
            Mapping a = in.mappings.get(i);
            Mapping b = out.mappings.get(i);
            assertEquals(List.of(a.id, a.memoryStart, a.memoryLimit, a.fileOffset, a.file, a.buildId,
                    a.hasFunctions, a.hasFilenames, a.hasLineNumbers, a.hasInlineFrames),
                    List.of(b.id, b.memoryStart, b.memoryLimit, b.fileOffset, b.file, b.buildId,
                    b.hasFunctions, b.hasFilenames, b.hasLineNumbers, b.hasInlineFrames));
        }
        assertEquals(in.functions.size(), out.functions.size());
        for (int i = 0; i < in.functions.size(); i++) {
            Function a = in.functions.get(i);
            Function b = out.functions.get(i);
            assertEquals(List.of(a.id, a.name, a.systemName, a.filename, a.startLine),
                    List.of(b.id, b.name, b.systemName, b.filename, b.startLine));
        }
        assertEquals(in.locations.size(), out.locations.size());
        for (int i = 0; i < in.locations.size(); i++) {
            Location a = in.locations.get(i);
            Location b = out.locations.get(i);
            assertEquals(List.of(a.id, a.address, a.isFolded, a.mapping.id, a.lines.size()),
                    List.of(b.id, b.address, b.isFolded, b.mapping.id, b.lines.size()));
            for (int j = 0; j < a.lines.size(); j++) {
                assertEquals(a.lines.get(j).line(), b.lines.get(j).line());
                assertEquals(a.lines.get(j).column(), b.lines.get(j).column());
                assertEquals(a.lines.get(j).function().id, b.lines.get(j).function().id);
            }
        }
        Sample first = out.samples.get(0);
        assertEquals(Map.of("thread", List.of("main", "worker-1")), first.labels);
        assertEquals(Map.of("bytes", List.of(4096L)), first.numLabels);
        assertEquals(Map.of("bytes", List.of("bytes")), first.numUnits);
    }

    @Test
    void decodedObjectsAreSharedNotCopied() throws IOException {
        Profile out = new ProfileDecoder().decode(ProfileEncoder.toGzipBytes(TestProfiles.everyField()));
        // Both samples end in App.main: one Location object, listed once in the profile.
        Location mainOfFirst = last(out.samples.get(0).locations);
        Location mainOfSecond = last(out.samples.get(1).locations);
        assertSame(mainOfFirst, mainOfSecond);
        assertTrue(out.locations.stream().anyMatch(l -> l == mainOfFirst));
        assertSame(out.functions.get(0), mainOfFirst.lines.get(0).function());
        // Interned by string table index: equal names are the same String.
        assertSame(out.functions.get(0).filename, out.functions.get(1).filename);
    }

    @Test
    void rawProtobufAndStreamsAreReadToo() throws IOException {
        Profile in = TestProfiles.large(3, 2000, 300);
        byte[] proto = ProfileEncoder.toProtoBytes(in);
        assertEquals(GoRawProfile.canonicalSamples(in), GoRawProfile.canonicalSamples(new ProfileDecoder().decode(proto)));
        Profile viaStream = new ProfileDecoder().decode(new ByteArrayInputStream(ProfileEncoder.toGzipBytes(in)));
        assertEquals(GoRawProfile.canonicalSamples(in), GoRawProfile.canonicalSamples(viaStream));
        Path file = dir.resolve("p.pb.gz");
        ProfileEncoder.writeGzip(in, file);
        assertEquals(GoRawProfile.canonicalSamples(in), GoRawProfile.canonicalSamples(ProfileDecoder.read(file)));
    }

    @Test
    void unknownFieldsAreSkipped() throws IOException {
        Profile in = TestProfiles.everyField();
        ProtoWriter w = new ProtoWriter(64);
        w.int64(99, 12345);                // unknown varint field
        int nested = w.beginMessage(100);  // unknown nested message
        w.string(1, "from a newer profile.proto");
        w.endMessage(nested);
        byte[] extra = w.toByteArray();
        byte[] proto = ProfileEncoder.toProtoBytes(in);
        byte[] both = new byte[extra.length + proto.length];
        System.arraycopy(extra, 0, both, 0, extra.length);
        System.arraycopy(proto, 0, both, extra.length, proto.length);
        Profile out = new ProfileDecoder().decode(both);
        assertEquals(GoRawProfile.canonicalSamples(in), GoRawProfile.canonicalSamples(out));
    }

    @Test
    void profileWithoutPeriodTypeHasNone() throws IOException {
        Profile in = new Profile();
        in.sampleTypes.add(new ValueType("goroutine", "count"));
        Profile out = new ProfileDecoder().decode(ProfileEncoder.toGzipBytes(in));
        assertNull(out.periodType);
        assertNotNull(out.sampleTypes.get(0));
        assertEquals(0, out.samples.size());
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
