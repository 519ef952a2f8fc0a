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
    /** pprof's function name for Java frames: {@code package.Class.method}. */
    public String functionName() {
        return className + "." + methodName;
    }

    @Override
    public String toString() {
        return functionName() + "(" + fileName + ":" + line + ")";
    }
}
