package dev.pprof4j.report;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a profile's file names are cut before they are looked up on the source path and shown
 * (go tool pprof's {@code trimPath}): with {@code -trim_path} its prefixes are cut; without
 * it, a name that contains a source directory's base name is cut after it, so a build
 * machine's {@code /build/x/myproj/src/Foo.java} is found in a local {@code ~/code/myproj}.
 * Container paths ({@code /proc/self/cwd/}) are cut either way.
 */
public final class SourcePaths {
    private static final List<String> ALWAYS = List.of("/proc/self/cwd/./", "/proc/self/cwd/");

    private SourcePaths() {
    }

    /**
     * {@code path} trimmed.
     *
     * @param trimPath {@code -trim_path}: prefixes separated by the platform's path separator, or ""
     * @param searchPath {@code -source_path}'s directories (the current one when it is empty)
     */
    public static String trim(String path, String trimPath, List<String> searchPath) {
        if (trimPath.isEmpty()) {
            for (String dir : searchPath) {
                Path name = Path.of(dir).getFileName();
                String want = "/" + (name == null ? "" : name) + "/";
                int found = path.indexOf(want);
                if (name != null && found >= 0) {
                    return path.substring(found + want.length());
                }
            }
        }
        List<String> prefixes = new ArrayList<>();
        for (String prefix : trimPath.split(File.pathSeparator)) {
            if (!prefix.isEmpty()) {
                prefixes.add(prefix);
            }
        }
        prefixes.addAll(ALWAYS);
        for (String prefix : prefixes) {
            String p = prefix.endsWith("/") ? prefix : prefix + "/";
            if (path.startsWith(p)) {
                return path.substring(p.length());
            }
        }
        return path;
    }

    /** The directories of {@code -source_path}; the current directory when it names none. */
    public static List<String> searchPath(String sourcePath) {
        List<String> dirs = new ArrayList<>();
        for (String dir : sourcePath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                dirs.add(dir);
            }
        }
        if (dirs.isEmpty()) {
            dirs.add(Path.of("").toAbsolutePath().toString());
        }
        return dirs;
    }
}
