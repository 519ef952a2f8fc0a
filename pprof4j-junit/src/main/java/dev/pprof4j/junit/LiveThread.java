package dev.pprof4j.junit;

import java.util.List;

/**
 * One live thread as a leak check sees it: platform threads come from
 * {@link Thread#getAllStackTraces()}, virtual threads from the JDK's thread dump.
 *
 * @param id the thread id ({@link Thread#getId()}); ids are never reused within a JVM,
 *     which is what makes a baseline of ids safe
 * @param state {@link Thread.State}'s name, or {@code "UNKNOWN"} where the dump omits it
 *     (JDK 21 to 24 print no state for virtual threads)
 * @param className the Thread subclass, e.g. {@code jdk.internal.misc.CarrierThread};
 *     {@code "java.lang.VirtualThread"} for virtual threads
 * @param stack innermost frame first
 */
public record LiveThread(long id, String name, String state, boolean virtual, boolean daemon,
        String className, List<StackTraceElement> stack) {

    public LiveThread {
        stack = List.copyOf(stack);
    }

    /** {@code package.Class.method} of the innermost frame, or "" for an empty stack. */
    public String topFunction() {
        return stack.isEmpty() ? "" : functionName(stack.get(0));
    }

    /** Whether any frame is {@code function} ({@code package.Class.method}). */
    public boolean hasFrame(String function) {
        for (StackTraceElement frame : stack) {
            if (functionName(frame).equals(function)) {
                return true;
            }
        }
        return false;
    }

    static String functionName(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName();
    }

    @Override
    public String toString() {
        return "#" + id + " \"" + name + "\"" + (virtual ? " virtual" : "") + " " + state;
    }
}
