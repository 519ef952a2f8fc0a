package dev.pprof4j.report.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds the source file of a frame on disk. Java profiles name files loosely: JFR and stack
 * traces give {@code Foo.java}, pprof4j's agent gives {@code dev/pprof4j/Foo.java}. Tried in
 * order, in each directory of the source path and then the current directory: the name as
 * is, the package path taken from the function name, the same under Maven's and Gradle's
 * {@code src/main/java} and {@code src/test/java}, and finally a bounded walk for a file with
 * that path suffix. What is found is shown only when it lies inside the source path
 * ({@link #locate}).
 */
final class SourceFinder {
    /** A walk looks at no more than this many files per root, so a huge directory cannot stall a request. */
    static final int MAX_WALKED = 50_000;
    private static final List<String> SOURCE_ROOTS = List.of("", "src/main/java/", "src/test/java/",
            "src/main/kotlin/", "src/");

    private final List<Path> roots;
    private final Map<String, Located> found = new ConcurrentHashMap<>();

    /**
     * A frame's file on disk, or why it is not shown. {@code path} is null when no file was
     * found or it was refused; {@code refusal} then says which ("" for not found).
     */
    record Located(Path path, String refusal) {
        static final Located NOT_FOUND = new Located(null, "");

        Optional<Path> file() {
            return Optional.ofNullable(path);
        }
    }

    SourceFinder(List<Path> sourcePath) {
        roots = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(sourcePath);
        dirs.add(Path.of("").toAbsolutePath());
        for (Path dir : dirs) {
            Path root = real(dir.toAbsolutePath().normalize());
            // The file system's root would confine nothing: a run from / does not search it.
            if (root.getParent() != null && !roots.contains(root)) {
                roots.add(root);
            }
        }
    }

    /** The file for a frame of {@code function} in {@code filename}, if one is on disk. */
    Optional<Path> find(String filename, String function) {
        return locate(filename, function).file();
    }

    /**
     * The file for a frame of {@code function} in {@code filename}, confined to the source
     * path: a profile names any file it likes ({@code /etc/passwd}, {@code ../../.ssh/id_rsa},
     * a symbolic link out of a source directory), and the UI shows only files whose real path
     * is inside a directory of the source path, and none hidden there ({@code .git},
     * {@code .ssh}).
     */
    Located locate(String filename, String function) {
        if (filename.isEmpty()) {
            return Located.NOT_FOUND;
        }
        return found.computeIfAbsent(filename + "\0" + function, k -> search(filename, function));
    }

    private Located search(String filename, String function) {
        for (String part : filename.split("[/\\\\]")) {
            if (part.equals("..")) {
                return new Located(null, filename + " climbs out with '..'; only files under the source path are shown");
            }
        }
        Path direct = Path.of(filename);
        if (direct.isAbsolute()) {
            // Go's profiles name files by absolute paths of the machine that built them.
            if (Files.isRegularFile(direct)) {
                return confined(direct);
            }
            if (direct.getRoot() != null) {
                filename = direct.getRoot().relativize(direct).toString();
            }
        }
        List<String> relatives = new ArrayList<>();
        relatives.add(filename);
        String packagePath = packagePath(function);
        if (!filename.contains("/") && !packagePath.isEmpty()) {
            relatives.add(packagePath + filename);
        }
        for (Path root : roots) {
            for (String prefix : SOURCE_ROOTS) {
                for (String relative : relatives) {
                    Path candidate = root.resolve(prefix + relative).normalize();
                    if (Files.isRegularFile(candidate)) {
                        return confined(candidate);
                    }
                }
            }
        }
        String suffix = "/" + relatives.get(relatives.size() - 1);
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root, 16)) {
                Optional<Path> hit = walk.limit(MAX_WALKED)
                        .filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).findFirst();
                if (hit.isPresent()) {
                    return confined(hit.get());
                }
            } catch (IOException | UncheckedIOException e) {
                // an unreadable directory: try the next root
            }
        }
        return Located.NOT_FOUND;
    }

    /** {@code file} when its real path is inside a root and not hidden there, else the reason it is not shown. */
    private Located confined(Path file) {
        Path real = real(file);
        for (Path root : roots) {
            if (real.startsWith(root)) {
                for (Path part : root.relativize(real)) {
                    if (part.toString().startsWith(".")) {
                        return new Located(null, file + " is hidden (" + part + "); hidden files are not shown");
                    }
                }
                return new Located(real, null);
            }
        }
        return new Located(null, file + (real.equals(file) ? "" : " (" + real + ")")
                + " is outside the source path; add its directory with -source_path DIRS");
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /** {@code dev.pprof4j.Foo$Bar.run} gives {@code dev/pprof4j/}; a name without package gives "". */
    static String packagePath(String function) {
        String[] parts = function.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length - 2; i++) {
            if (parts[i].isEmpty() || !Character.isLowerCase(parts[i].charAt(0))) {
                break;
            }
            sb.append(parts[i]).append('/');
        }
        return sb.toString();
    }
}
