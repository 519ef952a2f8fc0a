package dev.pprof4j.report.top;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.pprof4j.report.SourcePaths;

/**
 * Source files for {@code -list}, found as go tool pprof finds them ({@code openSourceFile}
 * in google/pprof's report/source.go): an absolute name as is; a relative one (Java's
 * {@code dev/pprof4j/Foo.java}) in each directory of the source path (default: the current
 * directory) and each of their parents. A profile's absolute path that contains a source
 * directory's base name is first cut after it, so a build machine's path finds the local
 * checkout, or {@code -trim_path}'s prefixes are cut instead ({@link SourcePaths}). Files are
 * read once and cached; at most {@link #MAX_FILE_BYTES} each.
 */
final class SourceReader implements SourceLines {
    static final long MAX_FILE_BYTES = 16 << 20;

    private final List<String> searchPath;
    private final String searchPathText;
    private final String trimPath;
    private final Map<String, List<String>> files = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();

    SourceReader(String sourcePath, String trimPath) {
        this.trimPath = trimPath;
        this.searchPathText = sourcePath.isEmpty() ? Path.of("").toAbsolutePath().toString() : sourcePath;
        this.searchPath = new ArrayList<>();
        for (String dir : searchPathText.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                searchPath.add(dir);
            }
        }
    }

    @Override
    public String line(String file, String function, long lineno) {
        return line(file, lineno);
    }

    @Override
    public String error(String file, String function) {
        return error(file);
    }

    /** Line {@code lineno} (from 1) of {@code file}, or null past its end or when it cannot be read. */
    String line(String file, long lineno) {
        List<String> lines = files.computeIfAbsent(file, this::read);
        return lineno <= 0 || lineno > lines.size() ? null : lines.get((int) lineno - 1);
    }

    /** Why {@code file} could not be read, in go tool pprof's words, or null. */
    String error(String file) {
        return errors.get(file);
    }

    private List<String> read(String file) {
        String path = SourcePaths.trim(file, trimPath, searchPath);
        Path found = null;
        if (path.startsWith("/")) {
            found = Path.of(path);
        } else {
            for (String dir : searchPath) {
                for (Path d = Path.of(dir).toAbsolutePath(); d != null && found == null; d = d.getParent()) {
                    Path candidate = d.resolve(path);
                    if (Files.isRegularFile(candidate)) {
                        found = candidate;
                    }
                }
                if (found != null) {
                    break;
                }
            }
            if (found == null) {
                errors.put(file, "could not find file " + path + " on path " + searchPathText);
                return List.of();
            }
        }
        try {
            if (Files.size(found) > MAX_FILE_BYTES) {
                errors.put(file, found + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not read");
                return List.of();
            }
            return new String(Files.readAllBytes(found), StandardCharsets.UTF_8).lines().toList();
        } catch (NoSuchFileException e) {
            errors.put(file, "open " + path + ": no such file or directory");
        } catch (IOException e) {
            errors.put(file, "open " + path + ": " + e.getMessage());
        }
        return List.of();
    }
}
