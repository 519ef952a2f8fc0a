package dev.pprof4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sniffing table: which reader each input's first bytes pick, and that none is taken for another. */
class TextFormatTest {
    static Stream<Arguments> heads() {
        return Stream.of(
                row("gzip (pprof)", new byte[] {0x1f, (byte) 0x8b, 8, 0, 'h', 'e', 'a', 'p'}, null),
                row("raw pprof", new byte[] {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x12, 0x02}, null),
                row("JFR", new byte[] {'F', 'L', 'R', 0, 0, 2, 0, 0}, null),
                row("collapsed stacks", text("main;work 3\n"), null),
                row("collapsed, heap-like frame", text("heap;profile 3\n"), null),
                row("cpu 32-bit little-endian", cpuHeader(4, ByteOrder.LITTLE_ENDIAN, 0), TextFormat.LEGACY_CPU),
                row("cpu 32-bit big-endian", cpuHeader(4, ByteOrder.BIG_ENDIAN, 0), TextFormat.LEGACY_CPU),
                row("cpu 64-bit little-endian", cpuHeader(8, ByteOrder.LITTLE_ENDIAN, 0), TextFormat.LEGACY_CPU),
                row("cpu 64-bit big-endian, Java", cpuHeader(8, ByteOrder.BIG_ENDIAN, 1), TextFormat.LEGACY_CPU),
                row("cpu kind 2 is none", cpuHeader(4, ByteOrder.LITTLE_ENDIAN, 2), null),
                row("Go heap debug=1", text("heap profile: 1: 2 [3: 4] @ heap/1048576\n"), TextFormat.HEAP),
                row("heapz_v2", text("heap profile:    1:  9216 [  1:  9216] @ heapz_v2/524288\n"), TextFormat.HEAP),
                row("growthz", text("heap profile:  85: 178257920 [ 85: 178257920] @ growthz\n"), TextFormat.HEAP),
                row("goroutine debug=1", text("goroutine profile: total 28\n25 @ 0x43b336\n"), TextFormat.COUNT),
                row("threadcreate after a comment", text("# x\nthreadcreate profile: total 7\n"), TextFormat.COUNT),
                row("two words before profile:", text("my goroutine profile: total 2\n"), null),
                row("threadz", text("--- threadz 1 ---\n\n--- Thread 7f (name: main/1) stack: ---\n"),
                        TextFormat.THREADZ),
                row("gperftools contention", text("--- contentionz 1 ---\ncycles/second = 3\n"),
                        TextFormat.CONTENTION),
                row("Go mutex debug=1", text("--- mutex:\ncycles/second=2095681983\n"), TextFormat.CONTENTION),
                row("Go block debug=1", text("--- contention:\ncycles/second=2095681983\n"), TextFormat.CONTENTION),
                row("Java heapz", text("--- heapz 1 ---\nformat = java\n"), TextFormat.JAVA_LEGACY),
                row("goroutine debug=2", text("goroutine 1 [running]:\nmain.main()\n"), TextFormat.GOROUTINE_DUMP),
                row("goroutine debug=2, Go 1.23 header", text("goroutine 1 gp=0xc000002380 m=0 mp=0x6a [running]:\n"),
                        TextFormat.GOROUTINE_DUMP),
                row("jstack", text("2026-12-07 01:41:44\nFull thread dump OpenJDK 64-Bit Server VM:\n"),
                        TextFormat.JAVA_THREAD_DUMP),
                row("jcmd Thread.print", text("29594:\n2026-12-07 01:41:48\nFull thread dump OpenJDK:\n"),
                        TextFormat.JAVA_THREAD_DUMP),
                row("Thread.dump_to_file", text("29594\n2026-12-07T01:41:49Z\n25.0.3\n\n#3 \"main\" WAITING\n"),
                        TextFormat.JAVA_THREAD_DUMP),
                row("Thread.dump_to_file JSON", text("{\n  \"threadDump\": {\n"), TextFormat.JAVA_THREAD_DUMP_JSON),
                row("other JSON", text("{\"benchmark\": 1}\n"), null),
                row("empty", new byte[0], null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void sniffs(String what, byte[] head, TextFormat expected) {
        assertEquals(expected, TextFormat.sniff(head), what);
    }

    static Stream<Arguments> javaDumps() {
        return Stream.of(Arguments.of("jstack17.txt", 19), Arguments.of("print25.txt", 18),
                Arguments.of("dump25.txt", 14), Arguments.of("dump25.json", 14));
    }

    /**
     * Real dumps of javadumps/Leaky.java (five threads parked on one latch in park(), one
     * holding a lock in sleep, one blocked on it), by jstack and jcmd on JDK 17 and 25: the
     * five are one sample of count 5, WAITING, whatever the dump's format.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("javaDumps")
    void javaThreadDumpsGroupThreadsByStackWithTheirState(String name, int threads) throws IOException {
        byte[] data;
        try (InputStream in = TextFormatTest.class.getResourceAsStream("/dev/pprof4j/cli/javadumps/" + name)) {
            data = in.readAllBytes();
        }
        Profile p = TextFormat.sniff(java.util.Arrays.copyOf(data, Math.min(4096, data.length))).read(data);
        assertEquals(threads, p.samples.stream().mapToLong(s -> s.values[0]).sum(), name);
        List<Sample> leaky = p.samples.stream().filter(s -> s.locations.stream()
                .anyMatch(l -> l.lines.get(0).function().name.equals("Leaky.park"))).toList();
        assertEquals(1, leaky.size(), name);
        assertEquals(5, leaky.get(0).values[0], name);
        assertEquals(List.of("WAITING"), leaky.get(0).labels.get("state"), name);
        assertEquals("Leaky.java", leaky.get(0).locations.stream().map(l -> l.lines.get(0))
                .filter(l -> l.function().name.equals("Leaky.park")).findFirst().orElseThrow().function().filename);
    }

    private static Arguments row(String what, byte[] head, TextFormat expected) {
        return Arguments.of(what, head, expected);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cpuHeader(int width, ByteOrder order, long kind) {
        ByteBuffer b = ByteBuffer.allocate(5 * width).order(order);
        long[] words = {0, 3, kind, 10000, 0};
        for (long w : words) {
            if (width == 4) {
                b.putInt((int) w);
            } else {
                b.putLong(w);
            }
        }
        return b.array();
    }
}
