package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.testkit.Command;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JfrSampleReader} against the JDK's parser on the same real recordings: async-profiler
 * CPU, wall-clock, allocation and lock recordings of two chunks each, written by a child JVM of
 * the JDK this test runs on (CI runs it on 17 and 25). Every sample must come out the same:
 * stack (function, file, line of every frame, so frame types too: native frames are named
 * apart), thread label and values. Then hostile copies of those recordings (cut, bytes
 * overwritten, counts made huge) must end in an IOException, never another exception, an
 * OutOfMemoryError or a hang.
 */
class JfrSampleReaderIT {
    private static final Map<String, List<String>> EVENT_TYPES = Map.of(
            "cpu", List.of(JfrStackSamples.EXECUTION_SAMPLE),
            "wall", List.of(JfrStackSamples.WALL_CLOCK_SAMPLE, JfrStackSamples.EXECUTION_SAMPLE),
            "alloc", List.of("jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB", "jdk.ObjectAllocationSample"),
            "lock", List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark"));
    private static final long INTERVAL = 5_000_000;

    @TempDir
    static Path dir;
    private static String childOutput;

    @BeforeAll
    static void record() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JfrRecordingsMain.class.getName(), dir.toString(), "700");
        childOutput = Command.run(Duration.ofMinutes(2), command).requireSuccess(command).stdout();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "wall", "alloc", "lock"})
    void everySampleIsTheSameAsTheJdkParserReadsIt(String event) throws IOException {
        Path file = dir.resolve(event + ".jfr");
        assertEquals(2, chunks(file), "the recording should hold two chunks: " + childOutput);
        CpuMode mode = event.equals("wall") ? CpuMode.WALL : CpuMode.CPU;
        JfrStackSamples jdk = JfrStackSamples.read(file, mode, INTERVAL, EVENT_TYPES.get(event));
        JfrStackSamples ours = JfrStackSamples.readAsyncProfiler(file, mode, INTERVAL, EVENT_TYPES.get(event));
        assertEquals(jdk.settings(), ours.settings(), "jdk.ActiveSetting values");
        assertEquals(jdk.withoutStack(), ours.withoutStack(), "samples without a stack");
        assertEquals(jdk.lost(), ours.lost(), "lost samples");
        Profile expectedProfile = jdk.profile();
        long events = expectedProfile.samples.stream().mapToLong(s -> s.values[0]).sum();
        assertTrue(events >= 10, "too few " + event + " samples to compare: " + events + "\n" + childOutput);
        List<String> expected = samples(expectedProfile);
        List<String> actual = samples(ours.profile());
        assertEquals(String.join("\n", expected), String.join("\n", actual), event + " samples");
        if (event.equals("cpu")) {
            assertTrue(actual.stream().anyMatch(s -> s.contains("JfrRecordingsMain.recurse")), "Java frames: " + actual);
        }
    }

    /**
     * A seeded mutation loop over the real recordings: truncations at every kind of boundary,
     * runs of overwritten bytes, and varints stretched to the largest value. Each mutant must
     * read or be refused with an IOException; the bound on time is for a hang (a loop that does
     * not advance), far above what the reads take.
     */
    @Test
    void hostileChunksAreRefusedWithAnIoException() throws Exception {
        for (String event : List.of("cpu", "wall")) {
            byte[] original = Files.readAllBytes(dir.resolve(event + ".jfr"));
            Random random = new Random(event.hashCode());
            Path mutant = dir.resolve("mutant-" + event + ".jfr");
            assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                int refused = 0;
                for (int i = 0; i < 400; i++) {
                    Files.write(mutant, mutate(original, random, i));
                    try {
                        JfrStackSamples.readAsyncProfiler(mutant, CpuMode.CPU, INTERVAL, EVENT_TYPES.get(event)).profile();
                    } catch (IOException e) {
                        refused++;
                        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error names what is wrong");
                    } catch (RuntimeException | Error e) {
                        fail("mutant " + i + " of " + event + " threw " + e, e);
                    }
                }
                assertTrue(refused > 100, "most mutants should be refused, only " + refused + " were");
            });
        }
    }

    private static byte[] mutate(byte[] original, Random random, int round) {
        byte[] bytes = original.clone();
        switch (round % 4) {
            case 0: // cut anywhere
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1: // a run of random bytes
                int at = random.nextInt(bytes.length);
                for (int i = at; i < Math.min(bytes.length, at + 1 + random.nextInt(16)); i++) {
                    bytes[i] = (byte) random.nextInt();
                }
                return bytes;
            case 2: // a varint made as large as it gets: continuation bits on
                int from = random.nextInt(bytes.length);
                for (int i = from; i < Math.min(bytes.length, from + 9); i++) {
                    bytes[i] = (byte) 0xff;
                }
                return bytes;
            default: // header fields: sizes and offsets
                ByteBuffer header = ByteBuffer.wrap(bytes);
                header.putLong(8 + 8 * random.nextInt(3), random.nextBoolean() ? Long.MAX_VALUE : random.nextInt(bytes.length));
                return bytes;
        }
    }

    /** One line per sample, sorted: thread, frames (function, file, line), values. */
    private static List<String> samples(Profile profile) {
        List<String> lines = new ArrayList<>();
        for (Sample sample : profile.samples) {
            StringBuilder line = new StringBuilder(String.valueOf(sample.labels.get(JfrStackSamples.THREAD_LABEL)));
            for (Location location : sample.locations) {
                for (Line l : location.lines) {
                    line.append(" | ").append(l.function().name).append(' ').append(l.function().filename).append(':')
                            .append(l.line());
                }
            }
            line.append(" = ").append(Arrays.stream(sample.values).mapToObj(Long::toString).collect(Collectors.joining(",")));
            lines.add(line.toString());
        }
        lines.sort(null);
        return lines;
    }

    /** Chunks one after another, by the size in each header. */
    private static int chunks(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        int n = 0;
        for (long at = 0; at < bytes.limit(); at += bytes.getLong((int) at + 8)) {
            n++;
        }
        return n;
    }
}
