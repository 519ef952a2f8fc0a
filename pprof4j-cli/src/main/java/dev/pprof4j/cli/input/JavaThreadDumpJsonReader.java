package dev.pprof4j.cli.input;

import dev.pprof4j.protocol.JsonReader;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileFormatException;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDK's JSON thread dump ({@code jcmd PID Thread.dump_to_file -format=json F}, JDK 21+,
 * and {@code HotSpotDiagnosticMXBean.dumpThreads}): {@code threadDump.threadContainers[]
 * .threads[]}, each with a {@code stack} of frame strings as the text dumps print them and,
 * from JDK 25, a {@code state}. Every thread counts, virtual threads included, grouped as
 * {@link JavaThreadDumpReader} groups the text dumps.
 */
final class JavaThreadDumpJsonReader {
    private JavaThreadDumpJsonReader() {
    }

    static boolean sniff(String head) {
        String s = head.stripLeading();
        return s.startsWith("{") && s.contains("\"threadDump\"");
    }

    static Profile read(String text, HeapEstimate heap) throws ProfileFormatException {
        Object root;
        try {
            root = JsonReader.read(text);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException("parsing JSON thread dump: " + e.getMessage(), e);
        }
        ProfileBuilder builder = new ProfileBuilder(new ValueType("goroutine", "count"), 1,
                new ValueType("goroutine", "count"));
        Profile profile = builder.build();
        profile.timeNanos = 0; // the builder's clock says when we read the dump, not when it was taken
        GoroutineGroups groups = new GoroutineGroups(profile, heap);
        for (Object container : list(field(field(root, "threadDump"), "threadContainers"))) {
            for (Object thread : list(field(container, "threads"))) {
                List<Location> stack = new ArrayList<>();
                for (Object frame : list(field(thread, "stack"))) {
                    Location loc = frame instanceof String s ? JavaThreadDumpReader.frame(builder, s) : null;
                    if (loc != null) {
                        stack.add(loc);
                    }
                }
                Object state = field(thread, "state");
                groups.add(stack, state instanceof String s ? s : "", -1, "");
            }
        }
        if (groups.size() == 0) {
            throw new ProfileFormatException("parsing JSON thread dump: no threadDump.threadContainers[].threads[]");
        }
        return profile;
    }

    private static Object field(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
