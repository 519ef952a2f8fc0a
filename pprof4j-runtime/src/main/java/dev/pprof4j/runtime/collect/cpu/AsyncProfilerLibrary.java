package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * pprof4j's private copy of async-profiler: the {@code tools.profiler:async-profiler} jar
 * rides inside the agent jar as the resource {@value #NESTED_JAR}; its native library is
 * extracted to a private temporary file and its {@code one.profiler.AsyncProfiler} class is
 * defined in an {@link IsolatedClassLoader}, so the host's class path stays clean.
 *
 * <p>The loaded library is held in a static field on purpose: a native library belongs to
 * the process, not to an object. It is loaded at most once (a second {@code System.load} of
 * it from another loader fails), and it must never be unloaded while its signal handlers are
 * installed, which is what would happen if its loader became unreachable.
 */
final class AsyncProfilerLibrary {
    static final String NESTED_JAR = "async-profiler.jar";

    private static final Object LOCK = new Object();
    private static AsyncProfilerLibrary loaded;
    private static CollectorUnavailableException loadFailure;

    private final Object profiler;
    private final Method execute;
    private final String version;
    /** One profile at a time per process, whichever pprof4j instance asks. */
    private final AtomicBoolean running = new AtomicBoolean();

    private AsyncProfilerLibrary(Object profiler, Method execute, String version) {
        this.profiler = profiler;
        this.execute = execute;
        this.version = version;
    }

    /**
     * Our copy, loading it on first use. Refuses when another async-profiler is in the
     * process or on the application's class path — asked every time, because the
     * application may load its own after ours, and then ours must stay quiet — and
     * remembers a load that failed (the library cannot be loaded twice, so a retry could
     * only fail differently).
     */
    static AsyncProfilerLibrary load(ForeignAsyncProfiler foreign) throws CollectorUnavailableException {
        synchronized (LOCK) {
            String foreignReason = foreign.find().orElse(null);
            if (foreignReason != null) {
                throw new CollectorUnavailableException(foreignReason);
            }
            if (loaded != null) {
                return loaded;
            }
            if (loadFailure != null) {
                throw loadFailure;
            }
            try {
                loaded = loadNested();
                return loaded;
            } catch (CollectorUnavailableException e) {
                loadFailure = e;
                throw e;
            }
        }
    }

    /**
     * Why our copy cannot serve here, found without loading it (see {@link #load} for the
     * checks), or null when it may: loading is left to the first profile that needs it, because
     * the library, its threads and signal handlers cost an idle service about 20 MB of RSS. A
     * load can still fail then, and the caller falls back as it would have at start.
     */
    static String unavailableReason(ForeignAsyncProfiler foreign) {
        synchronized (LOCK) {
            String foreignReason = foreign.find().orElse(null);
            if (foreignReason != null) {
                return foreignReason;
            }
            if (loaded != null) {
                return null;
            }
            if (loadFailure != null) {
                return loadFailure.getMessage();
            }
        }
        try {
            platformDirectory();
        } catch (CollectorUnavailableException e) {
            return e.getMessage();
        }
        return AsyncProfilerLibrary.class.getResource(NESTED_JAR) == null
                ? "async-profiler is not packaged in this build (" + NESTED_JAR + " missing next to "
                        + AsyncProfilerLibrary.class.getName() + ")"
                : null;
    }

    /** The version of our copy once it is loaded, else null. */
    static String loadedVersion() {
        synchronized (LOCK) {
            return loaded == null ? null : loaded.version;
        }
    }

    String version() {
        return version;
    }

    /** Claims the profiler for one recording; false when another recording holds it. */
    boolean begin() {
        return running.compareAndSet(false, true);
    }

    /** Releases what {@link #begin()} claimed. */
    void end() {
        running.set(false);
    }

    /**
     * Runs one async-profiler command ({@code start,event=cpu,...}, {@code stop}), silent: the
     * library otherwise writes {@code [WARN] ...} lines (a thread whose perf_event_open failed,
     * say) to the host's standard output, and each command sets the level anew. What matters
     * to a profile reaches it anyway: a command async-profiler refuses throws with its message,
     * and the engine's comment names the events it passed over.
     *
     * @throws IllegalStateException when async-profiler refuses the command (its message)
     */
    String execute(String command) throws IOException {
        try {
            return (String) execute.invoke(profiler, command + ",loglevel=none");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw new IllegalStateException(re.getMessage() == null ? re.toString() : re.getMessage(), re);
            }
            throw new IllegalStateException("async-profiler failed on '" + command + "': " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call async-profiler's execute: " + e, e);
        }
    }

    private static AsyncProfilerLibrary loadNested() throws CollectorUnavailableException {
        String platform = platformDirectory();
        Map<String, byte[]> classes = new HashMap<>();
        byte[] library = null;
        try (InputStream nested = AsyncProfilerLibrary.class.getResourceAsStream(NESTED_JAR)) {
            if (nested == null) {
                throw new CollectorUnavailableException("async-profiler is not packaged in this build ("
                        + NESTED_JAR + " missing next to " + AsyncProfilerLibrary.class.getName() + ")");
            }
            try (JarInputStream jar = new JarInputStream(nested)) {
                for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                    String name = entry.getName();
                    if (name.startsWith("one/profiler/") && name.endsWith(".class")) {
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), readAll(jar));
                    } else if (name.equals(platform + "/libasyncProfiler.so")) {
                        library = readAll(jar);
                    }
                }
            }
        } catch (IOException e) {
            throw new CollectorUnavailableException("async-profiler: cannot read the packaged " + NESTED_JAR + ": " + e, e);
        }
        if (library == null) {
            throw new CollectorUnavailableException("async-profiler has no native library for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        Path file = null;
        try {
            // createTempFile makes the file readable by its owner only; no other user can
            // swap the library between writing and loading it.
            file = Files.createTempFile("pprof4j-async-profiler-", ".so");
            Files.write(file, library);
            ClassLoader loader = new IsolatedClassLoader("pprof4j-async-profiler", classes);
            Class<?> api = Class.forName("one.profiler.AsyncProfiler", true, loader);
            Object profiler = api.getMethod("getInstance", String.class).invoke(null, file.toString());
            Method execute = api.getMethod("execute", String.class);
            String version = ((String) api.getMethod("getVersion").invoke(profiler)).trim();
            return new AsyncProfilerLibrary(profiler, execute, version);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new CollectorUnavailableException("async-profiler's native library did not load: " + cause, cause);
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            throw new CollectorUnavailableException("async-profiler's native library did not load: " + e, e);
        } finally {
            if (file != null) {
                try {
                    // Once mapped, the library no longer needs its file.
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless.
                }
            }
        }
    }

    /** The directory of the nested jar that holds this platform's library. */
    private static String platformDirectory() throws CollectorUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return "linux-x64";
            }
            if (arch.equals("aarch64") || arch.equals("arm64")) {
                return "linux-arm64";
            }
        } else if (os.contains("mac")) {
            return "macos";
        }
        throw new CollectorUnavailableException("async-profiler has no native library for "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
