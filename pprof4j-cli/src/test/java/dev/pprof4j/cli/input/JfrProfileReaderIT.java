package dev.pprof4j.cli.input;

import dev.pprof4j.runtime.collect.build.StableNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.testkit.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import one.convert.Arguments;
import one.convert.JfrToFlame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records a workload with JFR in a child JVM (the JDK running the test), converts the
 * recording with our reader and with async-profiler's converter, and compares: the same
 * totals per event type, and the same cumulative totals for each workload method.
 */
class JfrProfileReaderIT {
    private static final List<String> WORKLOAD_METHODS =
            List.of("JfrWorkload.burn", "JfrWorkload.allocate", "JfrWorkload.holdMonitor", "JfrWorkload.park");

    @TempDir
    static Path dir;
    static Path recording;
    static Profile ours;

    @BeforeAll
    static void record() throws IOException {
        Path source = dir.resolve("JfrWorkload.java");
        try (InputStream in = JfrProfileReaderIT.class.getResourceAsStream("JfrWorkload.java")) {
            Files.copy(in, source);
        }
        recording = dir.resolve("workload.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-XX:StartFlightRecording=filename=" + recording + ",settings=profile",
                "-Xlog:jfr=warning", source.toString(), "3");
        Command.run(Duration.ofMinutes(2), command).requireSuccess(command);
        ours = JfrProfileReader.read(recording);
    }

    /** async-profiler's collapsed output for {@code mode} ("" is CPU), as stack to value. */
    private static Map<String, Long> reference(String... mode) throws IOException {
        Path out = Files.createTempFile(dir, "ref", ".collapsed");
        String[] args = new String[mode.length + 3];
        System.arraycopy(mode, 0, args, 0, mode.length);
        args[mode.length] = "--dot";
        args[mode.length + 1] = "-o";
        args[mode.length + 2] = "collapsed";
        JfrToFlame.convert(recording.toString(), out.toString(), new Arguments(args));
        Map<String, Long> stacks = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            int space = line.lastIndexOf(' ');
            stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Long::sum);
        }
        return stacks;
    }

    private static long total(Map<String, Long> stacks) {
        return stacks.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sum over stacks that pass through {@code method} (frames carry "_[j]"-style suffixes there). */
    private static long cumulative(Map<String, Long> stacks, String method) {
        long sum = 0;
        for (Map.Entry<String, Long> e : stacks.entrySet()) {
            for (String frame : e.getKey().split(";")) {
                if (frame.replaceAll("_\\[.]$", "").equals(method)) {
                    sum += e.getValue();
                    break;
                }
            }
        }
        return sum;
    }

    private static long total(String type) {
        int index = ours.sampleIndexOf(type);
        assertTrue(index >= 0, "no " + type + " in " + ours.sampleTypes);
        return ours.samples.stream().mapToLong(s -> s.values[index]).sum();
    }

    private static long cumulative(String type, String method) {
        int index = ours.sampleIndexOf(type);
        long sum = 0;
        for (Sample sample : ours.samples) {
            Set<String> names = new HashSet<>();
            for (Location location : sample.locations) {
                names.add(location.lines.get(0).function().name);
            }
            if (names.contains(method)) {
                sum += sample.values[index];
            }
        }
        return sum;
    }

    /**
     * async-profiler's converter counts jdk.NativeMethodSample events (threads sitting in
     * native code, not on CPU) as CPU samples; we do not. They are counted here to take them out.
     */
    private static long nativeMethodSamples() throws IOException {
        long count = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.NativeMethodSample") && event.getStackTrace() != null) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void cpuSamplesMatchPerMethod() throws IOException {
        Map<String, Long> ref = reference();
        assertTrue(total(ref) > 50, "too few CPU samples to compare: " + total(ref));
        assertEquals(total(ref) - nativeMethodSamples(), total("samples"));
        assertEquals(total("samples") * ours.period, total("cpu"));
        for (String method : WORKLOAD_METHODS) {
            assertEquals(cumulative(ref, method), cumulative("samples", method), method);
        }
    }

    @Test
    void allocationCountsAndWeightsMatchPerMethod() throws IOException {
        Map<String, Long> count = reference("--alloc");
        Map<String, Long> bytes = reference("--alloc", "--total");
        assertTrue(total(count) > 20, "too few allocation samples: " + total(count));
        assertEquals(total(count), total("alloc_samples"));
        assertEquals(total(bytes), total("alloc_space"));
        assertEquals(cumulative(bytes, "JfrWorkload.allocate"), cumulative("alloc_space", "JfrWorkload.allocate"));
    }

    @Test
    void monitorAndParkEventsTogetherMatchTheLockProfile() throws IOException {
        // async-profiler's --lock takes JavaMonitorEnter and ThreadPark together; we keep them apart.
        Map<String, Long> count = reference("--lock");
        Map<String, Long> delay = reference("--lock", "--total");
        assertTrue(total("monitor_enters") > 0 && total("parks") > 0, ours.comments.toString());
        assertEquals(total(count), total("monitor_enters") + total("parks"));
        assertEquals(total(delay), total("monitor_delay") + total("park_delay"));
        for (String method : List.of("JfrWorkload.holdMonitor", "JfrWorkload.park")) {
            assertEquals(cumulative(delay, method),
                    cumulative("monitor_delay", method) + cumulative("park_delay", method), method);
        }
    }

    /** What the JDK's own parser (jdk.jfr.consumer) reads: per event type and stack, count and amount. */
    private static Map<String, long[]> jdkParser() throws IOException {
        Map<String, long[]> stacks = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                long amount;
                switch (type) {
                    case "jdk.ExecutionSample" -> amount = 0;
                    case "jdk.ObjectAllocationSample" -> amount = event.getLong("weight");
                    case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> amount = event.getDuration().toNanos();
                    default -> {
                        continue;
                    }
                }
                if (event.getStackTrace() == null) {
                    continue;
                }
                StringBuilder key = new StringBuilder(type);
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    key.append(';').append(StableNames.className(frame.getMethod().getType().getName())).append('.')
                            .append(frame.getMethod().getName()).append(':').append(Math.max(0, frame.getLineNumber()));
                }
                long[] values = stacks.computeIfAbsent(key.toString(), k -> new long[2]);
                values[0]++;
                values[1] += amount;
            }
        }
        return stacks;
    }

    @Test
    void everyStackMatchesTheJdkParser() throws IOException {
        Map<String, String> columns = Map.of("jdk.ExecutionSample", "samples", "jdk.ObjectAllocationSample", "alloc_samples",
                "jdk.JavaMonitorEnter", "monitor_enters", "jdk.ThreadPark", "parks");
        Map<String, long[]> ourStacks = new HashMap<>();
        for (Map.Entry<String, String> type : columns.entrySet()) {
            int count = ours.sampleIndexOf(type.getValue());
            assertTrue(count >= 0, "no " + type.getValue() + " in " + ours.sampleTypes);
            for (Sample sample : ours.samples) {
                if (sample.values[count] == 0) {
                    continue;
                }
                StringBuilder key = new StringBuilder(type.getKey());
                for (Location location : sample.locations) {
                    key.append(';').append(location.lines.get(0).function().name).append(':')
                            .append(location.lines.get(0).line());
                }
                long amount = type.getKey().equals("jdk.ExecutionSample") ? 0 : sample.values[count + 1];
                long[] values = ourStacks.computeIfAbsent(key.toString(), k -> new long[2]);
                values[0] += sample.values[count];
                values[1] += amount;
            }
        }
        Map<String, long[]> theirs = jdkParser();
        assertTrue(theirs.size() > 20, "too few stacks to compare: " + theirs.size());
        assertEquals(theirs.keySet(), ourStacks.keySet());
        for (Map.Entry<String, long[]> e : theirs.entrySet()) {
            assertEquals(java.util.Arrays.toString(e.getValue()), java.util.Arrays.toString(ourStacks.get(e.getKey())),
                    e.getKey());
        }
    }

    /**
     * Each kind's (or group's) values, by stack: stacks as function:line lists, only where
     * the value is not zero.
     */
    private static Map<String, Long> byStack(Profile profile, String sampleType) {
        int index = profile.sampleIndexOf(sampleType);
        assertTrue(index >= 0, "no " + sampleType + " in " + profile.sampleTypes);
        Map<String, Long> values = new HashMap<>();
        for (Sample sample : profile.samples) {
            if (sample.values[index] != 0) {
                StringBuilder key = new StringBuilder();
                for (Location location : sample.locations) {
                    key.append(location.lines.get(0).function().name).append(':')
                            .append(location.lines.get(0).line()).append(';');
                }
                values.merge(key.toString(), sample.values[index], Long::sum);
            }
        }
        return values;
    }

    /** -jfr_events: converting some kinds gives the matching part of the whole conversion. */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "alloc", "monitor", "park", "lock", "cpu,park"})
    void aSelectionIsTheMatchingPartOfTheWholeConversion(String value) throws IOException {
        Set<JfrEventKind> kinds = JfrEventKind.parse(value);
        Profile part = JfrProfileReader.read(recording, kinds);
        List<dev.pprof4j.profile.ValueType> expected = new java.util.ArrayList<>();
        for (JfrEventKind kind : kinds) {
            expected.add(kind.count);
            expected.add(kind.amount);
        }
        assertEquals(expected, part.sampleTypes);
        for (dev.pprof4j.profile.ValueType type : part.sampleTypes) {
            Map<String, Long> whole = byStack(ours, type.type());
            assertTrue(!whole.isEmpty(), type.toString());
            assertEquals(whole, byStack(part, type.type()), type.toString());
        }
        // the recording's span, not the selected events': the same Time and Duration as the whole
        assertEquals(ours.timeNanos, part.timeNanos);
        assertEquals(ours.durationNanos, part.durationNanos);
        assertEquals(kinds.contains(JfrEventKind.CPU) ? ours.period : 0, part.period);
        assertEquals(kinds.contains(JfrEventKind.CPU) ? ours.periodType : null, part.periodType);
        // every sample has a value: no stack of an unselected kind was resolved into it
        for (Sample sample : part.samples) {
            assertTrue(java.util.Arrays.stream(sample.values).anyMatch(v -> v != 0), sample.toString());
        }
    }

    /**
     * The command line takes a JFR conversion as it is instead of merging it alone
     * (InputFormats.Read.merged): that holds only while merging it would give the same profile.
     */
    @ParameterizedTest
    @ValueSource(strings = {"all", "cpu", "alloc", "lock", "monitor,park"})
    void aConversionIsMergedAlreadyAsRead(String value) throws Exception {
        Set<JfrEventKind> kinds = JfrEventKind.parse(value);
        byte[] asRead = dev.pprof4j.profile.ProfileEncoder.toProtoBytes(JfrProfileReader.read(recording, kinds));
        Profile merged = dev.pprof4j.profile.Merger.merge(List.of(JfrProfileReader.read(recording, kinds)));
        dev.pprof4j.profile.FramePruner.removeUninteresting(merged);
        assertTrue(java.util.Arrays.equals(asRead, dev.pprof4j.profile.ProfileEncoder.toProtoBytes(merged)), value);
        InputFormats.Read read = InputFormats.readFile(recording, "rec", file -> {
            throw new AssertionError("not pprof");
        }, kinds);
        assertTrue(read.merged());
    }

    /**
     * Events are read through a window moving along the chunk (JfrChunkFile): with a window of
     * a few dozen bytes nearly every event straddles its edge and many are larger than it, and
     * the profile must still be the same, byte for byte, as with the default window.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 61, 4096})
    void theWindowOverTheEventsDoesNotChangeTheProfile(int windowBytes) throws IOException {
        Set<JfrEventKind> all = JfrEventKind.all();
        byte[] expected = dev.pprof4j.profile.ProfileEncoder.toProtoBytes(JfrProfileReader.read(recording, all));
        byte[] small = dev.pprof4j.profile.ProfileEncoder.toProtoBytes(JfrProfileReader.read(recording, all, windowBytes));
        assertTrue(java.util.Arrays.equals(expected, small), "window of " + windowBytes + " bytes");
    }

    /**
     * Corrupt copies of the recording (bytes flipped, runs overwritten, the file cut short)
     * either still convert or fail with a ProfileFormatException, never with anything else,
     * and each within bounded time.
     */
    @Test
    void corruptRecordingsEndInAFormatError() throws IOException {
        byte[] good = Files.readAllBytes(recording);
        java.util.Random random = new java.util.Random(20261125);
        Path bad = dir.resolve("bad.jfr");
        int refused = 0;
        for (int i = 0; i < 120; i++) {
            byte[] copy = good.clone();
            int at = random.nextInt(copy.length);
            switch (i % 3) {
                case 0 -> copy[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> {
                    for (int j = at; j < Math.min(copy.length, at + 1 + random.nextInt(16)); j++) {
                        copy[j] = (byte) random.nextInt();
                    }
                }
                default -> copy = java.util.Arrays.copyOf(copy, at);
            }
            Files.write(bad, copy);
            long start = System.nanoTime();
            try {
                JfrProfileReader.read(bad);
            } catch (dev.pprof4j.profile.ProfileFormatException e) {
                refused++;
                assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), e.getMessage());
            }
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "mutation " + i + " took over 20 s");
        }
        assertTrue(refused >= 40, "only " + refused + " of 120 corrupt copies were refused"); // every cut-short one is
    }

    @Test
    void theCommandLineRefusesACutShortRecordingInOneLine() throws IOException {
        byte[] good = Files.readAllBytes(recording);
        Path cut = dir.resolve("cut.jfr");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = dev.pprof4j.cli.Main.run(new String[] {"-top", cut.toString()},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(err, true));
        assertEquals(1, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("chunk at byte 0"), message);
    }

    @Test
    void theCommandLineReadsTheRecording() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = dev.pprof4j.cli.Main.run(new String[] {"-top", "-sample_index=alloc_space", recording.toString()},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("Type: alloc_space"), out.toString());
        assertTrue(out.toString().contains("JfrWorkload.allocate"), out.toString());
    }
}
