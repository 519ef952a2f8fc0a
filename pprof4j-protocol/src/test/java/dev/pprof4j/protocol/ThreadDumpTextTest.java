package dev.pprof4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real dumps of threaddumps/Dump.java on JDK 25, taken from one JVM one after the other:
 * {@code jcmd Thread.dump_to_file} as text and as JSON, and jstack. Two virtual threads and
 * one unnamed one park in {@code Dump.park}, as do two platform threads (one named with quotes,
 * one through a lambda that calls a lambda).
 */
class ThreadDumpTextTest {
    private static final StackTraceElement PARK = new StackTraceElement("Dump", "park", "Dump.java", 4);

    @Test
    void dumpToFileListsVirtualThreadsWithTheirStates() throws IOException {
        List<DumpedThread> threads = ThreadDumpText.read(resource("dump_to_file25.txt"));
        assertEquals(14, threads.size());
        Map<Long, DumpedThread> byId = byId(threads);
        DumpedThread vt = byId.get(22L);
        assertEquals("vt-0", vt.name());
        assertTrue(vt.virtual());
        assertEquals("WAITING", vt.state());
        assertEquals(new StackTraceElement("java.lang.VirtualThread", "park", "VirtualThread.java", 742), vt.stack().get(0));
        assertEquals(List.of(PARK, new StackTraceElement("Dump", "lambda$main$0", "Dump.java", 7),
                new StackTraceElement("java.lang.VirtualThread", "run", "VirtualThread.java", 460)),
                vt.stack().subList(6, 9));
        assertEquals("", byId.get(25L).name());
        assertTrue(byId.get(25L).virtual());
        DumpedThread quoted = byId.get(26L);
        assertEquals("plat \"q\" x", quoted.name());
        assertFalse(quoted.virtual());
        assertEquals(new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2), quoted.stack().get(0));
        assertEquals(List.of(), byId.get(14L).stack(), "Signal Dispatcher has no Java frame");
        assertEquals(3, threads.stream().filter(DumpedThread::virtual).count());
    }

    /** The JSON dump says what the text says, thread for thread (the dump's own thread aside). */
    @Test
    void jsonAndTextOfOneJvmGiveTheSameThreads() throws IOException {
        Map<Long, DumpedThread> text = byId(ThreadDumpText.read(resource("dump_to_file25.txt")));
        Map<Long, DumpedThread> json = byId(ThreadDumpJson.read(resource("dump_to_file25.json")));
        assertEquals(text.keySet(), json.keySet());
        for (long id : text.keySet()) {
            if (!text.get(id).name().equals("Attach Listener")) {
                assertEquals(text.get(id), json.get(id));
            }
        }
    }

    @Test
    void jstackListsJavaThreadsWithTheirStatesAndHiddenFrames() throws IOException {
        List<DumpedThread> threads = ThreadDumpText.read(resource("jstack25.txt"));
        assertEquals(15, threads.size());
        assertTrue(threads.stream().noneMatch(t -> t.name().startsWith("GC Thread") || t.name().equals("VM Thread")),
                "the VM's own threads have no Java thread number");
        DumpedThread quoted = byId(threads).get(26L);
        assertEquals("plat \"q\" x", quoted.name());
        assertEquals("WAITING", quoted.state());
        assertEquals(new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2), quoted.stack().get(0));
        assertEquals(new StackTraceElement("java.util.concurrent.locks.LockSupport", "park", "LockSupport.java", 223),
                quoted.stack().get(1));
        assertEquals(PARK, quoted.stack().get(5));
        assertEquals(new StackTraceElement("Dump$$Lambda/0x0000000026040210", "run", null, -1), quoted.stack().get(7));
    }

    /** JDK 21 to 24: no state, frames without "at ", a class loader's name before the module. */
    @Test
    void readsJdk21DumpToFile() {
        List<DumpedThread> threads = ThreadDumpText.read(String.join("\n",
                "1234", "2026-11-25T11:50:32.821Z", "21.0.5+11-LTS", "",
                "#1 \"main\"",
                "      java.base/java.lang.Thread.getStackTrace(Thread.java:2450)",
                "",
                "#31 \"a \"quoted\" name\" virtual",
                "      java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "      app//com.example.Foo.run(Unknown Source)"));
        assertEquals(2, threads.size());
        DumpedThread t = threads.get(1);
        assertEquals(new DumpedThread(31, "a \"quoted\" name", "", true, List.of(
                new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2),
                new StackTraceElement("com.example.Foo", "run", null, -1))), t);
        assertEquals("", threads.get(0).state());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", delimiter = '|', value = {
        "java.base/java.lang.Thread.sleep(Thread.java:540)|java.lang.Thread|sleep|Thread.java|540",
        "java.lang.Thread.sleep(java.base@25.0.3/Native Method)|java.lang.Thread|sleep|null|-2",
        "com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:101)|com.foo.Main|run|Main.java|101",
        "app//com.example.Foo.run(Foo.java)|com.example.Foo|run|Foo.java|-1",
        "java.base/a.Main$$Lambda/0x000001.run(Unknown Source)|a.Main$$Lambda/0x000001|run|null|-1",
        "Top.main(Top.java:99999999999)|Top|main|Top.java|-1",
    })
    void framesAreStackTraceElements(String text, String className, String method, String file, int line) {
        assertEquals(new StackTraceElement(className, method, file, line), ThreadDumpText.frame(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"- locked <0x000000069ec17ff0> (a java.lang.Object)", "Locked ownable synchronizers:",
        "- None", "(Native Method)", "Foo(Foo.java:1)", "waiting on condition (x.y)"})
    void linesThatAreNoFrameAreNull(String line) {
        assertNull(ThreadDumpText.frame(line));
    }

    @Test
    void sniffsBothLayouts() throws IOException {
        assertTrue(ThreadDumpText.sniff(resource("jstack25.txt")));
        assertTrue(ThreadDumpText.sniff(resource("dump_to_file25.txt")));
        assertFalse(ThreadDumpText.sniff(resource("dump_to_file25.json")));
        assertTrue(ThreadDumpJson.sniff(resource("dump_to_file25.json")));
        assertFalse(ThreadDumpText.sniff("goroutine 1 [running]:\nmain.main()\n"));
    }

    @Test
    void jsonThatIsNoJsonIsRefusedAndJsonWithoutThreadsHasNone() {
        assertThrows(IllegalArgumentException.class, () -> ThreadDumpJson.read("{\"threadDump\": "));
        assertEquals(List.of(), ThreadDumpJson.read("{\"threadDump\": {}}"));
    }

    @Test
    void aThreadNumberTooLongForALongIsNoId() {
        assertEquals(-1, ThreadDumpText.read("1\n#99999999999999999999 \"x\"\n").get(0).id());
    }

    private static Map<Long, DumpedThread> byId(List<DumpedThread> threads) {
        return threads.stream().collect(Collectors.toMap(DumpedThread::id, Function.identity()));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ThreadDumpTextTest.class.getResourceAsStream("threaddumps/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
