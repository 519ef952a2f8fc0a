package dev.pprof4j.runtime.collect.history;

/**
 * One frame of a stack kept in the history, with the same four parts a live profile is built
 * from ({@link dev.pprof4j.runtime.collect.build.ProfileBuilder#location(String, String, String, int)}),
 * so that a profile rebuilt from history names frames exactly as a live one does and the two
 * subtract stack by stack. Instances are shared through {@link Interner}.
 *
 * @param fileName the class's source file, or null when unknown
 */
record HistoryFrame(String className, String methodName, String fileName, int line) {
    /** pprof's function name, {@code package.Class.method}. */
    String function() {
        return className.isEmpty() ? methodName : className + "." + methodName;
    }
}
