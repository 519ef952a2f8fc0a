package dev.pprof4j.junit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Lists virtual threads through {@code HotSpotDiagnosticMXBean.dumpThreads} (JDK 21+).
 *
 * <p>Why a dump: {@link Thread#getAllStackTraces()} and {@code ThreadMXBean} list platform
 * threads only. The JDK's own registry of virtual threads ({@code
 * jdk.internal.vm.ThreadContainers}) is faster but needs {@code --add-opens
 * java.base/jdk.internal.vm=ALL-UNNAMED}; the dump works without any flag, and a test JVM
 * has few threads, so its cost (about 7 ms on JDK 25 here) does not matter. The plain-text
 * format is used because it is easy to read without a JSON library: a header line
 * {@code #<tid> "<name>" virtual [STATE <time>]} (JDK 25 adds the state) then one frame a
 * line. Virtual threads started with {@code Thread.ofVirtual().start()} are in the dump
 * because {@code jdk.trackAllThreads} defaults to true.
 */
final class VirtualThreadDump {
    private static final Pattern HEADER = Pattern.compile("^#(\\d+) \"(.*)\"(.*)$");
    private static final Pattern FRAME = Pattern.compile("^(?:at )?(?:\\S*/)?([^/()\\s]+)\\.([^./()\\s]+)\\((.*)\\)$");
    private static final String VIRTUAL_THREAD_CLASS = "java.lang.VirtualThread";

    private final HotSpotDiagnosticMXBean diagnostics;
    private final Method dumpThreads;
    private final Object textPlain;

    private VirtualThreadDump(HotSpotDiagnosticMXBean diagnostics, Method dumpThreads, Object textPlain) {
        this.diagnostics = diagnostics;
        this.dumpThreads = dumpThreads;
        this.textPlain = textPlain;
    }

    /** The dump where the running JDK has it (21+), else null: before 21 there are no virtual threads. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static VirtualThreadDump ifSupported() {
        try {
            Class<? extends Enum> format = (Class<? extends Enum>) Class.forName(
                    "com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            Method method = HotSpotDiagnosticMXBean.class.getMethod("dumpThreads", String.class, format);
            return new VirtualThreadDump(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class),
                    method, Enum.valueOf(format, "TEXT_PLAIN"));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }

    /** The virtual threads alive now. */
    List<LiveThread> virtualThreads() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pprof4j-threads");
            // dumpThreads refuses an existing file and a relative path.
            Path file = dir.resolve("threads.txt").toAbsolutePath();
            dumpThreads.invoke(diagnostics, file.toString(), textPlain);
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalAccessException e) {
            throw new IllegalStateException("listing virtual threads: dumping threads failed: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("listing virtual threads: dumping threads failed: " + e.getCause(),
                    e.getCause());
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve("threads.txt"));
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover temp file is no reason to fail a test
                }
            }
        }
    }

    /** Parses the plain-text dump, keeping the virtual threads only. */
    static List<LiveThread> parse(List<String> lines) {
        List<LiveThread> threads = new ArrayList<>();
        long id = -1;
        String name = null;
        String state = null;
        boolean virtual = false;
        List<StackTraceElement> stack = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (virtual) {
                    threads.add(new LiveThread(id, name, state, true, true, VIRTUAL_THREAD_CLASS, stack));
                }
                id = Long.parseLong(header.group(1));
                name = header.group(2);
                List<String> words = List.of(header.group(3).strip().split("\\s+"));
                virtual = words.contains("virtual");
                state = words.stream().filter(w -> w.matches("[A-Z_]+")).findFirst().orElse("UNKNOWN");
                stack = new ArrayList<>();
                continue;
            }
            if (name == null || line.isEmpty() || line.startsWith("-")) {
                continue;
            }
            StackTraceElement frame = parseFrame(line);
            if (frame != null) {
                stack.add(frame);
            }
        }
        if (virtual) {
            threads.add(new LiveThread(id, name, state, true, true, VIRTUAL_THREAD_CLASS, stack));
        }
        return threads;
    }

    /** {@code [at ][module/]pkg.Class.method(File.java:12)}, or null for a line that is no frame. */
    static StackTraceElement parseFrame(String line) {
        Matcher m = FRAME.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String source = m.group(3);
        String file = null;
        int lineNumber = -1;
        if (source.equals("Native Method")) {
            lineNumber = -2;
        } else if (!source.equals("Unknown Source")) {
            int colon = source.lastIndexOf(':');
            if (colon > 0 && source.substring(colon + 1).matches("\\d+")) {
                file = source.substring(0, colon);
                lineNumber = Integer.parseInt(source.substring(colon + 1));
            } else {
                file = source;
            }
        }
        return new StackTraceElement(m.group(1), m.group(2), file, lineNumber);
    }
}
