package dev.pprof4j.protocol;

/**
 * How a Java frame is named in every profile pprof4j writes, whoever made it: the agent's
 * engines (JFR, JVMTI, thread dumps) and the CLI's conversion of a JFR file. A function is
 * {@code package.Class.method} with the class's run-to-run suffixes removed
 * ({@link StableNames}); its file is the package path and the source file, so that pprof's
 * {@code -lines} and {@code list} views name a file a reader can find in the sources.
 */
public final class JavaFrames {
    /**
     * The root-most frame of a stack JFR cut at its stack depth ({@code stackdepth}, 64 by
     * default), so that a reader sees the stack is not whole.
     */
    public static final String TRUNCATED_BY_JFR = "(stack truncated by JFR)";

    private JavaFrames() {
    }

    /**
     * {@code package.Class.method}; the method name alone for a pseudo frame (empty class).
     *
     * @param stableClassName a binary class name already through {@link StableNames#className}
     */
    public static String functionName(String stableClassName, String methodName) {
        return stableClassName.isEmpty() ? methodName : stableClassName + "." + methodName;
    }

    /**
     * {@code java/util/HashMap.java}: the package path and the source file; without a source
     * file (JFR records none) the outermost class's name, as javac names files.
     *
     * @param sourceFile the class's source file name, or null or empty when unknown
     */
    public static String fileName(String className, String sourceFile) {
        if (className.isEmpty()) {
            return sourceFile == null ? "" : sourceFile;
        }
        int dot = className.lastIndexOf('.');
        String packagePath = dot < 0 ? "" : className.substring(0, dot + 1).replace('.', '/');
        if (sourceFile != null && !sourceFile.isEmpty()) {
            return packagePath + sourceFile;
        }
        String simple = className.substring(dot + 1);
        int nested = simple.indexOf('$');
        return packagePath + (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }
}
