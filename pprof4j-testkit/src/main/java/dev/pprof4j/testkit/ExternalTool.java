package dev.pprof4j.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a tool a test needs on the PATH. Outside CI a missing tool skips the test and says
 * which package brings it; in CI (the {@code CI} environment variable set, as {@code .ci/run}
 * does) a missing tool fails the test, because there it must run.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isEmpty() && !ci.equals("false");
    }

    /** The tool's path, or null when it is not on the PATH. */
    public static Optional<Path> find(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The tool's path; skips the calling test outside CI when it is missing, fails it in CI.
     *
     * @param debianPackage the package that installs it, named in the message
     */
    public static Path require(String command, String debianPackage) {
        Optional<Path> found = find(command);
        if (found.isPresent()) {
            return found.get();
        }
        String message = command + " is not installed (apt-get install -y " + debianPackage + ")";
        if (inCi()) {
            throw new AssertionError(message + "; CI must run this test, .ci/run installs it");
        }
        Assumptions.abort(message + "; test skipped outside CI");
        throw new IllegalStateException("unreachable");
    }
}
