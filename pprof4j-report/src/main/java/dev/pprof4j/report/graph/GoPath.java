package dev.pprof4j.report.graph;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code filepath.Clean} and {@code filepath.Base} (Unix rules): pprof cleans every source
 * file name, and prints base names in graph nodes' {@code [objfile]} and the legend's
 * {@code File:}.
 */
public final class GoPath {
    private GoPath() {
    }

    /** Go's {@code filepath.Clean}. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's {@code filepath.Base}. */
    public static String base(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int i = p.lastIndexOf('/');
        return i >= 0 && p.length() > 1 ? p.substring(i + 1) : p;
    }
}
