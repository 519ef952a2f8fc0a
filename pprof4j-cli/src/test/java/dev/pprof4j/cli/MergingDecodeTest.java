package dev.pprof4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Difference;
import dev.pprof4j.profile.FramePruner;
import dev.pprof4j.profile.Granularity;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Merger;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.ReportConfig;
import dev.pprof4j.report.ReportFormat;
import dev.pprof4j.report.Reports;
import dev.pprof4j.report.flame.FlameGraphJson;
import dev.pprof4j.report.flame.FrameTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line decodes with {@link ProfileDecoder#mergingSamples()}, which merges equal
 * samples as it reads them; every report must come out exactly as from the whole profile
 * decoded and then merged (what the command line did before, and what go tool pprof does).
 * Compared on the repository's Go heap profiles and on a seeded profile built to merge a lot:
 * 400 samples of the synthetic profile of the report tests, each three times over in shuffled
 * order, labelled from a few string and numeric labels, with zero and negative values.
 */
class MergingDecodeTest {
    private static final Path GO_HEAP = Path.of("../examples/go-heap.pb.gz");
    private static final Path GO_HEAP_BASE = Path.of("../examples/go-heap-base.pb.gz");

    @ParameterizedTest
    @ValueSource(strings = {"go-heap", "go-heap-base", "repeated"})
    void everyReportIsTheSameAsFromTheWholeProfile(String name) throws IOException {
        byte[] data = name.equals("repeated") ? repeated() : Files.readAllBytes(GO_HEAP.resolveSibling(name + ".pb.gz"));
        Profile whole = new ProfileDecoder().decode(data);
        // Through a stream, whose small first buffer is compacted many times over.
        Profile streamed = new ProfileDecoder().mergingSamples().decode(new ByteArrayInputStream(data));
        // Uncompressed in memory: scanned in place.
        Profile inMemory = new ProfileDecoder().mergingSamples().decode(
                new java.util.zip.GZIPInputStream(new ByteArrayInputStream(data)).readAllBytes());
        assertEquals(distinctKeys(whole), streamed.samples.size(), "samples kept of " + whole.samples.size());
        assertEquals(distinctKeys(whole), inMemory.samples.size(), "samples kept of " + whole.samples.size());
        if (name.equals("repeated")) {
            assertTrue(streamed.samples.size() < 0.9 * whole.samples.size(), streamed.samples.size() + " kept");
        }
        assertTotals(whole, streamed);
        Profile expected = load(whole);
        Profile merged = load(streamed);
        // The same profile, byte for byte once encoded: then every report is the same; the
        // reports are compared too, for what a failure would look like.
        assertArrayEquals(ProfileEncoder.toProtoBytes(expected), ProfileEncoder.toProtoBytes(merged), name);
        assertArrayEquals(ProfileEncoder.toProtoBytes(expected), ProfileEncoder.toProtoBytes(load(inMemory)), name);
        for (Consumer<ReportConfig> c : configs()) {
            assertEquals(report(expected, c), report(merged, c), name);
        }
        assertEquals(flame(expected, null), flame(merged, null), name);
    }

    @Test
    void baseAndDiffBaseAreTheSame() throws IOException {
        Profile wholeP = load(new ProfileDecoder().decode(GO_HEAP));
        Profile wholeB = load(new ProfileDecoder().decode(GO_HEAP_BASE));
        Profile mergedP = load(new ProfileDecoder().mergingSamples().decode(GO_HEAP));
        Profile mergedB = load(new ProfileDecoder().mergingSamples().decode(GO_HEAP_BASE));
        for (boolean diffBase : new boolean[] {false, true}) {
            Profile expected = ProfileOps.combine(wholeP.copy(), wholeB.copy(), diffBase, false);
            Profile actual = ProfileOps.combine(mergedP.copy(), mergedB.copy(), diffBase, false);
            for (Consumer<ReportConfig> c : configs()) {
                assertEquals(report(expected, c), report(actual, c), "diff_base " + diffBase);
            }
        }
        assertEquals(flame(wholeP, wholeB), flame(mergedP, mergedB));
    }

    /**
     * How many samples the decoder should keep: one per location-id sequence and labels as
     * written (in their order), and every sample with a negative value on its own.
     */
    private static long distinctKeys(Profile p) {
        java.util.Set<List<Object>> keys = new java.util.HashSet<>();
        long unmerged = 0;
        for (Sample s : p.samples) {
            if (java.util.Arrays.stream(s.values).anyMatch(v -> v < 0)) {
                unmerged++;
                continue;
            }
            List<Long> ids = s.locations.stream().map(l -> l.id).toList();
            keys.add(List.of(ids, s.values.length, List.copyOf(s.labels.entrySet()),
                    List.copyOf(s.numLabels.entrySet()), List.copyOf(s.numUnits.entrySet())));
        }
        return keys.size() + unmerged;
    }

    /** Sums of every value column: nothing lost or counted twice while merging. */
    private static void assertTotals(Profile whole, Profile merged) {
        for (int c = 0; c < whole.sampleTypes.size(); c++) {
            long a = 0;
            long b = 0;
            for (Sample s : whole.samples) {
                a += s.values[c];
            }
            for (Sample s : merged.samples) {
                b += s.values[c];
            }
            assertEquals(a, b, "total of " + whole.sampleTypes.get(c));
        }
    }

    /** What {@code Sources.load} does with one profile read. */
    private static Profile load(Profile p) throws IOException {
        Profile merged = ProfileOps.merge(List.of(p));
        FramePruner.removeUninteresting(merged);
        return merged;
    }

    private static List<Consumer<ReportConfig>> configs() {
        return List.of(
                c -> c.format = ReportFormat.TOP,
                c -> {
                    c.format = ReportFormat.TOP;
                    c.cumSort = true;
                    c.granularity = Granularity.LINES;
                },
                c -> {
                    c.format = ReportFormat.PEEK;
                    c.peekRegex = ".";
                },
                c -> c.format = ReportFormat.TREE,
                c -> c.format = ReportFormat.TRACES,
                c -> c.format = ReportFormat.RAW,
                c -> {
                    c.format = ReportFormat.TOP;
                    c.sampleIndex = "0";
                });
    }

    private static String report(Profile p, Consumer<ReportConfig> setup) {
        ReportConfig config = new ReportConfig();
        setup.accept(config);
        StringBuilder out = new StringBuilder();
        Reports.text(p.copy(), config, out);
        return out.toString();
    }

    private static String flame(Profile p, Profile base) {
        StringWriter out = new StringWriter();
        FlameGraphJson.write(FrameTree.of(p.copy(), base == null ? null : base.copy()), "t", List.of(),
                p.defaultSampleIndex(), out);
        return out.toString();
    }

    /**
     * The synthetic profile with each sample three times (a third of them with a value made
     * negative, some zero), shuffled, each copy with one of a few string and numeric labels:
     * many samples merge, some only in {@link Merger}'s coarser key (labels in another order).
     */
    private static byte[] repeated() {
        Random rnd = new Random(19);
        Profile p = SyntheticProfile.generate(new Random(20261125));
        List<Sample> samples = new ArrayList<>();
        for (Sample s : p.samples.subList(0, 400)) {
            for (int copy = 0; copy < 3; copy++) {
                long[] values = s.values.clone();
                if (rnd.nextInt(30) == 0) {
                    values[0] = -values[0];
                }
                Sample c = new Sample(new ArrayList<Location>(s.locations), values);
                switch (rnd.nextInt(5)) {
                    case 0 -> c.addLabel("span", "a");
                    case 1 -> {
                        c.addLabel("span", "b");
                        c.addLabel("thread", "main");
                    }
                    case 2 -> {
                        c.addLabel("thread", "main");
                        c.addLabel("span", "b");
                    }
                    case 3 -> c.addNumLabel("bytes", rnd.nextInt(2) * 512, "bytes");
                    default -> {
                    }
                }
                samples.add(c);
            }
        }
        Collections.shuffle(samples, rnd);
        p.samples.clear();
        p.samples.addAll(samples);
        return ProfileEncoder.toGzipBytes(p);
    }
}
