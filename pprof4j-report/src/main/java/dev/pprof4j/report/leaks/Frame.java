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
     * True for frames of the JDK itself, which are never the place to fix a leak: a leak is
     * named after the first frame that is not one of these.
     */
    public boolean isPlatform() {
        return function.startsWith("java.") || function.startsWith("javax.")
                || function.startsWith("jdk.") || function.startsWith("sun.")
                || function.startsWith("com.sun.") || function.startsWith("dev.pprof4j.runtime.");
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
