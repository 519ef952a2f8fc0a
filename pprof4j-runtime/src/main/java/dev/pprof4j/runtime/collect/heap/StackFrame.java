package dev.pprof4j.runtime.collect.heap;

/**
 * One frame of an allocation stack, resolved when the stack was first sampled.
 *
 * @param className  e.g. {@code java.util.HashMap}
 * @param methodName e.g. {@code resize}
 * @param fileName   the class's SourceFile attribute, e.g. {@code HashMap.java}; empty when absent
 * @param line       0 when the method has no line table (native, or compiled without -g:lines)
 */
public record StackFrame(String className, String methodName, String fileName, int line) {
    /**
     * The root of a stack deeper than {@code profstackdepth}, below its leaf-most frames: tree
     * and flame views show where the cut is instead of a false root.
     */
    public static final StackFrame TRUNCATED = new StackFrame("", "(stack truncated: deeper than profstackdepth)", "", 0);

    /** pprof's function name for Java frames: {@code package.Class.method}. */
    public String functionName() {
        return className.isEmpty() ? methodName : className + "." + methodName;
    }

    @Override
    public String toString() {
        return functionName() + "(" + fileName + ":" + line + ")";
    }
}
