package dev.pprof4j.runtime.collect.threads;

import dev.pprof4j.protocol.JsonReader;
import dev.pprof4j.protocol.ThreadDumpText;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fallback for virtual threads when {@link VirtualThreads} cannot walk the thread
 * containers (pprof4j started from code, without the agent's {@code Instrumentation}):
 * {@code HotSpotDiagnosticMXBean.dumpThreads(file, JSON)}, JDK 21+. It is slow (seconds and
 * about 1 KB per thread for 100 000 threads), so it is only the second choice. The file is
 * read line by line: the JDK writes one JSON value per line, and no more than one thread's
 * stack is held at a time beyond the result (pprof4j-protocol's {@code ThreadDumpJson}, which
 * the CLI reads such a file with, holds the whole document). Strings are JSON's
 * ({@link JsonReader}), frames are read as the CLI and pprof4j-junit read them
 * ({@link ThreadDumpText#frame}).
 */
final class VirtualThreadDump {
    private final Object bean;
    private final Method dumpThreads;
    private final Object jsonFormat;

    private VirtualThreadDump(Object bean, Method dumpThreads, Object jsonFormat) {
        this.bean = bean;
        this.dumpThreads = dumpThreads;
        this.jsonFormat = jsonFormat;
    }

    /** The dumper, or null before JDK 21 or where the bean lacks the method. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static VirtualThreadDump find() {
        try {
            Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Class<Enum> format = (Class<Enum>) Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Object bean = ManagementFactory.getPlatformMXBean((Class<PlatformManagedObject>) beanType);
            Method dump = beanType.getMethod("dumpThreads", String.class, format);
            return new VirtualThreadDump(bean, dump, Enum.valueOf(format, "JSON"));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Every thread in the dump whose id is not a live platform thread's. */
    List<ThreadSample> virtualThreads(Set<Long> platformIds) throws IOException {
        Path dir = Files.createTempDirectory("pprof4j-threads");
        Path file = dir.resolve("threads.json"); // dumpThreads refuses an existing file
        try {
            dumpThreads.invoke(bean, file.toString(), jsonFormat);
            return parse(file, platformIds);
        } catch (ReflectiveOperationException e) {
            throw new IOException("HotSpotDiagnosticMXBean.dumpThreads failed: " + e.getCause(), e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    static List<ThreadSample> parse(Path file, Set<Long> platformIds) throws IOException {
        List<ThreadSample> threads = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long tid = -1;
            String name = "";
            Thread.State state = null;
            List<StackTraceElement> stack = null;
            String line;
            while ((line = in.readLine()) != null) {
                String text = line.trim();
                if (stack != null) {
                    if (text.startsWith("]")) {
                        if (tid >= 0 && !platformIds.contains(tid)) {
                            threads.add(new ThreadSample(tid, name, true, true, state,
                                    stack.toArray(StackTraceElement[]::new), null));
                        }
                        stack = null;
                        tid = -1;
                    } else if (text.startsWith("\"")) {
                        StackTraceElement frame = ThreadDumpText.frame(unquote(text));
                        if (frame != null) {
                            stack.add(frame);
                        }
                    }
                } else if (text.startsWith("\"tid\":")) {
                    tid = ThreadDumpText.id(unquote(value(text)));
                    name = "";
                    state = null;
                } else if (text.startsWith("\"name\":")) {
                    name = unquote(value(text));
                } else if (text.startsWith("\"state\":")) {
                    try {
                        state = Thread.State.valueOf(unquote(value(text)));
                    } catch (IllegalArgumentException e) {
                        state = null;
                    }
                } else if (text.startsWith("\"stack\":") && tid >= 0) {
                    stack = new ArrayList<>();
                }
            }
        }
        return threads;
    }

    private static String value(String property) {
        return property.substring(property.indexOf(':') + 1).trim();
    }

    /** A JSON string on a line of its own, maybe before a comma; "" for anything else. */
    private static String unquote(String text) {
        String t = text.endsWith(",") ? text.substring(0, text.length() - 1) : text;
        try {
            return JsonReader.read(t) instanceof String s ? s : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
