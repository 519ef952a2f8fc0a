package dev.pprof4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The virtual threads of plain-text thread dumps as JDK 21 and JDK 25 print them (copied from real dumps). */
class VirtualThreadDumpTest {

    @Test
    void readsJdk25DumpWithStates() {
        List<LiveThread> threads = VirtualThreadDump.parse(String.join("\n",
                "9763", "2026-11-25T11:50:32.821Z", "25.0.3+9-LTS", "",
                "#3 \"main\" RUNNABLE 2026-11-25T11:50:32.828Z",
                "    at java.base/java.lang.Thread.getStackTrace(Thread.java:2450)",
                "",
                "#23 \"leaky-vt\" virtual WAITING 2026-11-25T11:50:32.854Z",
                "    at java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                "    at java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:367)",
                "    - parking to wait for <0x1234>",
                "    at Dump.lambda$main$0(Dump.java:7)",
                "",
                "#25 \"\" virtual TIMED_WAITING 2026-11-25T11:50:32.854Z",
                "    at java.base/java.lang.Thread.sleep(Thread.java:540)"));
        assertEquals(2, threads.size(), threads.toString());
        LiveThread leaky = threads.get(0);
        assertEquals(23, leaky.id());
        assertEquals("leaky-vt", leaky.name());
        assertEquals("WAITING", leaky.state());
        assertEquals("java.lang.VirtualThread.park", leaky.topFunction());
        assertEquals(3, leaky.stack().size());
        assertEquals(new StackTraceElement("Dump", "lambda$main$0", "Dump.java", 7), leaky.stack().get(2));
        assertEquals("TIMED_WAITING", threads.get(1).state());
        assertEquals("", threads.get(1).name());
    }

    @Test
    void readsJdk21DumpWithoutStates() {
        List<LiveThread> threads = VirtualThreadDump.parse(String.join("\n",
                "#1 \"main\"",
                "      java.base/java.lang.Thread.getStackTrace(Thread.java:2450)",
                "#31 \"a \"quoted\" name\" virtual",
                "      java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "      app//com.example.Foo.run(Unknown Source)"));
        assertEquals(1, threads.size());
        LiveThread t = threads.get(0);
        assertEquals("a \"quoted\" name", t.name());
        assertEquals("UNKNOWN", t.state());
        assertEquals(-2, t.stack().get(0).getLineNumber());
        assertEquals("com.example.Foo.run", LiveThread.functionName(t.stack().get(1)));
    }
}
