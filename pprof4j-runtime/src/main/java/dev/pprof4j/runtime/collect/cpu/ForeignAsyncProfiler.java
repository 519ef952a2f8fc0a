package dev.pprof4j.runtime.collect.cpu;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds an async-profiler that is not ours: one the application loaded (its
 * {@code libasyncProfiler} is mapped into the process, e.g. from {@code -agentpath} or
 * {@code AsyncProfiler.getInstance()}), or one the application ships on its class path and
 * may load at any moment. Two copies in one process would both claim the profiling signals
 * and perf events and corrupt each other's samples, so pprof4j then loads none and the
 * application's copy keeps working undisturbed.
 *
 * <p>Our own copy never matches: it is extracted under a name without "libasyncProfiler"
 * and lives in a loader the application cannot see.
 */
final class ForeignAsyncProfiler {
    private static final String LIBRARY_NAME = "libasyncprofiler";
    private static final String API_CLASS = "one/profiler/AsyncProfiler.class";

    private final Path memoryMaps;
    private final ClassLoader applicationLoader;

    ForeignAsyncProfiler(Path memoryMaps, ClassLoader applicationLoader) {
        this.memoryMaps = memoryMaps;
        this.applicationLoader = applicationLoader;
    }

    /** Looks at this process: /proc/self/maps and the system class loader. */
    static ForeignAsyncProfiler ofThisProcess() {
        return new ForeignAsyncProfiler(Path.of("/proc/self/maps"), ClassLoader.getSystemClassLoader());
    }

    /** Why pprof4j must not load its own copy, or empty when no other copy is around. */
    Optional<String> find() {
        Optional<String> mapped = mappedLibrary();
        if (mapped.isPresent()) {
            return Optional.of("async-profiler is already loaded in this process (" + mapped.get()
                    + "); pprof4j will not load a second copy");
        }
        URL shipped = applicationLoader == null ? null : applicationLoader.getResource(API_CLASS);
        if (shipped != null) {
            return Optional.of("the application ships its own async-profiler (" + shipped
                    + "); pprof4j will not load a second copy");
        }
        return Optional.empty();
    }

    private Optional<String> mappedLibrary() {
        if (!Files.isReadable(memoryMaps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(memoryMaps, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.toLowerCase(Locale.ROOT).contains(LIBRARY_NAME))
                    .map(ForeignAsyncProfiler::pathOf)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            // Unreadable maps prove nothing either way; the class path check still runs.
            return Optional.empty();
        }
    }

    /** The path column of a maps line: everything from the first '/' on. */
    private static String pathOf(String mapsLine) {
        int slash = mapsLine.indexOf('/');
        return slash >= 0 ? mapsLine.substring(slash).trim() : mapsLine.trim();
    }
}
