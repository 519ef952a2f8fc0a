package dev.pprof4j.runtime.collect.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The files async-profiler writes its recordings to, from their creation until they are
 * deleted, and deleted when the JVM exits. A service that pushes always has a CPU recording
 * open (up to 16 MiB), and the lock engine always has one: without this, every restart that
 * ends normally (its main returns, {@code System.exit}, SIGTERM) would leave them in the temp
 * directory for good. A JVM killed with SIGKILL still leaves them: nothing of it runs.
 *
 * <p>One shutdown hook per instance, added at the first file. It first stops what records to
 * the file ({@link #stopAtExit}): async-profiler, still recording when the JVM ends, writes its
 * output to the {@code file=} it was started with, and would make the file again after it was
 * deleted.
 */
final class RecordingFiles {
    /** Each open file, with what stops the recording that writes it. */
    private final Map<Path, Runnable> open = new ConcurrentHashMap<>();
    private final AtomicBoolean hooked = new AtomicBoolean();

    /** A new empty file in the temp directory, readable by its owner only. */
    Path create(String prefix) throws IOException {
        Path file = Files.createTempFile(prefix, ".jfr");
        open.put(file, () -> { });
        deleteAllAtExit();
        return file;
    }

    /** What stops the recording that writes {@code file}, run at exit before the file is deleted. */
    void stopAtExit(Path file, Runnable stop) {
        open.replace(file, stop);
    }

    /** Deletes the file now, if it is still there; a leftover is harmless, so failures are quiet. */
    void delete(Path file) {
        if (file == null) {
            return;
        }
        open.remove(file);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temp directory's own cleaning will take it
        }
    }

    /** What the shutdown hook does; the files still open. */
    void deleteAll() {
        for (Map.Entry<Path, Runnable> e : open.entrySet()) {
            try {
                e.getValue().run();
            } catch (RuntimeException ignored) {
                // the JVM is ending: delete the file all the same
            }
            delete(e.getKey());
        }
    }

    int openCount() {
        return open.size();
    }

    private void deleteAllAtExit() {
        if (hooked.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(this::deleteAll, "pprof4j-recording-files"));
            } catch (IllegalStateException | SecurityException e) {
                // the JVM is exiting already, or may not be hooked: the files stay, as before
            }
        }
    }
}
