package dev.pprof4j.report.leaks;

/**
 * One frame of a stack: a method named {@code package.Class.method}, with file and line
 * where known (empty and 0 otherwise).
 */
public record Frame(String function, String file, long line) {

    public Frame {
        function = function == null ? "" : function;
        file = file == null ? "" : file;
    }

    public static Frame of(String function) {
        return new Frame(function, "", 0);
    }

    /**
     * True for frames of the JDK itself (or of Go's standard library, for a frame in a
     * {@code .go} file), which are never the place to fix a leak: a leak is named after the
     * first frame that is not one of these.
     */
    public boolean isPlatform() {
        if (file.endsWith(".go")) {
            return isGoStandardLibrary();
        }
        return function.startsWith("java.") || function.startsWith("javax.")
                || function.startsWith("jdk.") || function.startsWith("sun.")
                || function.startsWith("com.sun.") || function.startsWith("dev.pprof4j.runtime.");
    }

    /**
     * Go's own packages ({@code runtime}, {@code sync}, {@code net/http}): their import paths'
     * first element has no dot, unlike a module's ({@code github.com/...}); {@code main} is the
     * program's.
     */
    private boolean isGoStandardLibrary() {
        int slash = function.lastIndexOf('/');
        int dot = function.indexOf('.', slash + 1);
        String pkg = dot < 0 ? function : function.substring(0, dot);
        if (pkg.equals("main")) {
            return false;
        }
        int firstSlash = pkg.indexOf('/');
        return !(firstSlash < 0 ? pkg : pkg.substring(0, firstSlash)).contains(".");
    }

    /** The class part of {@link #function}: everything before the last dot. */
    public String className() {
        int dot = function.lastIndexOf('.');
        return dot < 0 ? "" : function.substring(0, dot);
    }

    /** The method part; a lambda body {@code lambda$remember$0} is credited to {@code remember}. */
    public String methodName() {
        String method = function.substring(function.lastIndexOf('.') + 1);
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            if (parts.length >= 2 && !parts[1].isEmpty()) {
                return parts[1];
            }
        }
        return method;
    }

    /** {@code Class.method} without the lambda suffix: what a person calls "the method". */
    public String methodKey() {
        return className() + "." + methodName();
    }

    @Override
    public String toString() {
        if (file.isEmpty()) {
            return function;
        }
        return function + " (" + file + (line > 0 ? ":" + line : "") + ")";
    }
}
