package dev.pprof4j.runtime.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a pid is a running JVM, asked before attaching. On Linux the Attach API starts by
 * sending the process SIGQUIT, which a JVM answers by opening its attach listener and which
 * ends any other process: attaching to the wrong pid must stop here, not kill it. A JVM maps
 * {@code libjvm.so}; {@code /proc/<pid>/maps} says so without touching the process.
 */
final class JavaProcess {
    /** Where Linux lists a process's mappings; elsewhere the check is left to the Attach API. */
    private static final Path PROC = Path.of("/proc");

    private JavaProcess() {
    }

    /**
     * Returns when {@code pid} maps {@code libjvm} (or the check cannot be made here);
     *
     * @throws IOException with one line naming the pid and what it is, when it is no JVM
     */
    static void require(long pid) throws IOException {
        require(pid, PROC);
    }

    static void require(long pid, Path proc) throws IOException {
        if (!Files.isDirectory(proc.resolve("self"))) {
            return; // not Linux: the Attach API finds JVMs by their attach files there
        }
        Path dir = proc.resolve(Long.toString(pid));
        if (!Files.isDirectory(dir)) {
            throw new IOException("no process " + pid + " is running");
        }
        String name = name(dir);
        Path maps = dir.resolve("maps");
        try (BufferedReader lines = Files.newBufferedReader(maps, StandardCharsets.ISO_8859_1)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.endsWith("/libjvm.so") || line.contains("/libjvm.so ") || line.endsWith("/libjvm.dylib")) {
                    return;
                }
            }
        } catch (AccessDeniedException e) {
            throw new IOException("pid " + pid + " (" + name + ") is not ours to inspect: cannot read " + maps
                    + "; attach as the user that runs it", e);
        } catch (NoSuchFileException e) {
            throw new IOException("no process " + pid + " is running", e);
        } catch (IOException e) {
            // Fail closed: attaching to what may not be a JVM could kill it.
            throw new IOException("cannot tell whether pid " + pid + " (" + name + ") is a JVM: reading " + maps
                    + " failed (" + e.getMessage() + "); try again", e);
        }
        throw new IOException("pid " + pid + " is not a Java process (" + name + ": no libjvm.so in " + maps
                + "); give the pid of a JVM (jps lists them)");
    }

    /** The process's command name, for the message. */
    private static String name(Path dir) {
        try {
            return Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown command";
        }
    }
}
