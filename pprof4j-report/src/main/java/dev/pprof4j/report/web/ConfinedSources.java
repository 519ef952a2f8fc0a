package dev.pprof4j.report.web;

import dev.pprof4j.report.top.SourceLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source view's files: only those {@link SourceFinder} finds inside the UI's source path
 * (a profile may name any file), each read once per request and at most
 * {@link #MAX_FILE_BYTES}. Why a file is not shown is the listing's error for it.
 */
final class ConfinedSources implements SourceLines {
    static final long MAX_FILE_BYTES = 4 << 20;

    private final SourceFinder finder;
    private final Map<Path, List<String>> read = new HashMap<>();

    ConfinedSources(SourceFinder finder) {
        this.finder = finder;
    }

    @Override
    public String line(String file, String function, long lineno) {
        List<String> lines = finder.locate(file, function).file().map(this::lines).orElse(List.of());
        return lineno <= 0 || lineno > lines.size() ? null : lines.get((int) lineno - 1);
    }

    @Override
    public String error(String file, String function) {
        SourceFinder.Located located = finder.locate(file, function);
        if (located.refusal() != null && !located.refusal().isEmpty()) {
            return "Source not shown: " + located.refusal() + ".";
        }
        if (located.file().isEmpty()) {
            return "could not find file " + file + " under the source path; give its directory with -source_path DIRS";
        }
        return lines(located.path()).isEmpty() ? located.path() + " could not be read, or is larger than "
                + (MAX_FILE_BYTES >> 20) + " MiB" : null;
    }

    @Override
    public String readFrom(String file, String function) {
        return finder.locate(file, function).file().map(Path::toString).orElse(null);
    }

    private List<String> lines(Path path) {
        return read.computeIfAbsent(path, p -> {
            try {
                if (Files.size(p) > MAX_FILE_BYTES) {
                    return List.of();
                }
                return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                return List.of();
            }
        });
    }
}
