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

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.pprof4j.protocol.DumpedThread;
import dev.pprof4j.protocol.ThreadDumpText;

/**
 * Lists virtual threads through {@code HotSpotDiagnosticMXBean.dumpThreads} (JDK 21+).
 *
 * <p>Why a dump: {@link Thread#getAllStackTraces()} and {@code ThreadMXBean} list platform
 * threads only. The JDK's own registry of virtual threads ({@code
 * jdk.internal.vm.ThreadContainers}) is faster but needs {@code --add-opens
 * java.base/jdk.internal.vm=ALL-UNNAMED}; the dump works without any flag, and a test JVM
 * has few threads, so its cost (about 7 ms on JDK 25 here) does not matter. The plain text is
 * read by pprof4j-protocol's {@link ThreadDumpText}, the reader the CLI reads the same dumps
 * with, so a leak report and {@code pprof4j -top dump.txt} name the same frames. Virtual
 * threads started with {@code Thread.ofVirtual().start()} are in the dump because
 * {@code jdk.trackAllThreads} defaults to true.
 */
final class VirtualThreadDump {
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
            return parse(Files.readString(file, StandardCharsets.UTF_8));
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

    /** The virtual threads of a plain-text dump ({@link ThreadDumpText}, which the CLI reads dumps with too). */
    static List<LiveThread> parse(String text) {
        List<LiveThread> threads = new ArrayList<>();
        for (DumpedThread thread : ThreadDumpText.read(text)) {
            if (thread.virtual()) {
                threads.add(new LiveThread(thread.id(), thread.name(), thread.state().isEmpty() ? "UNKNOWN" : thread.state(),
                        true, true, VIRTUAL_THREAD_CLASS, thread.stack()));
            }
        }
        return threads;
    }
}
