package dev.pprof4j.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDK's JSON thread dump ({@code jcmd PID Thread.dump_to_file -format=json F}, JDK 21+, and
 * {@code HotSpotDiagnosticMXBean.dumpThreads}), read into {@link DumpedThread}s:
 * {@code threadDump.threadContainers[].threads[]}, each with a string {@code tid}, a
 * {@code name}, {@code "virtual": true} for a virtual thread, from JDK 25 a {@code state}, and a
 * {@code stack} of frame strings as the plain text prints them (read by
 * {@link ThreadDumpText#frame}). Every thread of every container, in the dump's order.
 */
public final class ThreadDumpJson {
    private ThreadDumpJson() {
    }

    public static boolean sniff(String head) {
        String s = head.stripLeading();
        return s.startsWith("{") && s.contains("\"threadDump\"");
    }

    /**
     * The threads of the dump; none when it has no {@code threadDump.threadContainers[].threads[]}.
     *
     * @throws IllegalArgumentException when the text is not JSON, saying where it stops being JSON
     */
    public static List<DumpedThread> read(String text) {
        Object root = JsonReader.read(text);
        List<DumpedThread> threads = new ArrayList<>();
        for (Object container : list(field(field(root, "threadDump"), "threadContainers"))) {
            for (Object thread : list(field(container, "threads"))) {
                List<StackTraceElement> stack = new ArrayList<>();
                for (Object frame : list(field(thread, "stack"))) {
                    StackTraceElement element = frame instanceof String s ? ThreadDumpText.frame(s) : null;
                    if (element != null) {
                        stack.add(element);
                    }
                }
                threads.add(new DumpedThread(field(thread, "tid") instanceof String tid ? ThreadDumpText.id(tid) : -1,
                        string(field(thread, "name")), string(field(thread, "state")),
                        Boolean.TRUE.equals(field(thread, "virtual")), stack));
            }
        }
        return threads;
    }

    private static Object field(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private static String string(Object value) {
        return value instanceof String s ? s : "";
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
