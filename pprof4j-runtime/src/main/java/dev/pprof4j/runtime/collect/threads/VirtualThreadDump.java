package dev.pprof4j.runtime.collect.threads;

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
 * stack is held at a time beyond the result.
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
                        stack.add(frame(unquote(text)));
                    }
                } else if (text.startsWith("\"tid\":")) {
                    tid = Long.parseLong(unquote(value(text)));
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
        String v = property.substring(property.indexOf(':') + 1).trim();
        return v.endsWith(",") ? v.substring(0, v.length() - 1) : v;
    }

    private static String unquote(String text) {
        String t = text.endsWith(",") ? text.substring(0, text.length() - 1) : text;
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.indexOf('\\') < 0) {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                char e = t.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (i + 4 < t.length()) {
                            out.append((char) Integer.parseInt(t.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Parses {@link StackTraceElement#toString()}'s form:
     * {@code [loader/][module[@version]/]pkg.Class.method(File.java:12)}.
     */
    static StackTraceElement frame(String text) {
        int paren = text.indexOf('(');
        String qualified = paren < 0 ? text : text.substring(0, paren);
        String location = paren < 0 ? "" : text.substring(paren + 1, text.endsWith(")") ? text.length() - 1 : text.length());
        qualified = qualified.substring(qualified.lastIndexOf('/') + 1);
        int dot = qualified.lastIndexOf('.');
        String type = dot < 0 ? "" : qualified.substring(0, dot);
        String method = qualified.substring(dot + 1);
        String fileName = null;
        int line = -1;
        if (location.equals("Native Method")) {
            line = -2;
        } else if (!location.isEmpty() && !location.equals("Unknown Source")) {
            int colon = location.lastIndexOf(':');
            if (colon > 0) {
                fileName = location.substring(0, colon);
                try {
                    line = Integer.parseInt(location.substring(colon + 1));
                } catch (NumberFormatException e) {
                    line = -1;
                }
            } else {
                fileName = location;
            }
        }
        return new StackTraceElement(type, method, fileName, line);
    }
}
