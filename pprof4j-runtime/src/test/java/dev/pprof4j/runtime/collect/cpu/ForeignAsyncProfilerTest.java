package dev.pprof4j.runtime.collect.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeignAsyncProfilerTest {
    @TempDir
    Path dir;

    @Test
    void aMappedLibraryIsFound() throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"),
                "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/libc.so.6\n"
                        + "7f20-7f30 r-xp 00000000 08:01 2 /tmp/libasyncProfiler-123.so (deleted)\n");
        Optional<String> reason = new ForeignAsyncProfiler(maps, null).find();
        assertTrue(reason.orElseThrow().contains("/tmp/libasyncProfiler-123.so"), reason.toString());
    }

    @Test
    void ourOwnCopyAndOtherLibrariesAreNot() throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"),
                "7f00-7f10 r-xp 00000000 08:01 1 /usr/lib/libc.so.6\n"
                        + "7f20-7f30 r-xp 00000000 08:01 2 /tmp/pprof4j-async-profiler-99.so (deleted)\n");
        assertEquals(Optional.empty(), new ForeignAsyncProfiler(maps, null).find());
    }

    @Test
    void anApplicationThatShipsAsyncProfilerIsFound() throws Exception {
        Path classes = dir.resolve("app");
        Files.createDirectories(classes.resolve("one/profiler"));
        Files.write(classes.resolve("one/profiler/AsyncProfiler.class"), new byte[] {(byte) 0xCA});
        try (URLClassLoader app = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Optional<String> reason = new ForeignAsyncProfiler(dir.resolve("no-maps"), app).find();
            assertTrue(reason.orElseThrow().contains("ships its own async-profiler"), reason.toString());
        }
    }

    @Test
    void nothingFoundInACleanProcess() {
        assertEquals(Optional.empty(), new ForeignAsyncProfiler(dir.resolve("no-maps"), ClassLoader.getPlatformClassLoader()).find());
    }
}
