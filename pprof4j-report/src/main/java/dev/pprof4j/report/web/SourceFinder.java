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
 * that path suffix.
 */
final class SourceFinder {
    /** A walk looks at no more than this many files per root, so a huge directory cannot stall a request. */
    static final int MAX_WALKED = 50_000;
    private static final List<String> SOURCE_ROOTS = List.of("", "src/main/java/", "src/test/java/",
            "src/main/kotlin/", "src/");

    private final List<Path> roots;
    private final Map<String, Optional<Path>> found = new ConcurrentHashMap<>();

    SourceFinder(List<Path> sourcePath) {
        roots = new ArrayList<>(sourcePath);
        roots.add(Path.of("").toAbsolutePath());
    }

    /** The file for a frame of {@code function} in {@code filename}, if one is on disk. */
    Optional<Path> find(String filename, String function) {
        if (filename.isEmpty()) {
            return Optional.empty();
        }
        return found.computeIfAbsent(filename + "\0" + function, k -> search(filename, function));
    }

    private Optional<Path> search(String filename, String function) {
        Path direct = Path.of(filename);
        if (direct.isAbsolute() && Files.isRegularFile(direct)) {
            return Optional.of(direct);
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
                        return Optional.of(candidate);
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
                    return hit;
                }
            } catch (IOException | UncheckedIOException e) {
                // an unreadable directory: try the next root
            }
        }
        return Optional.empty();
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
