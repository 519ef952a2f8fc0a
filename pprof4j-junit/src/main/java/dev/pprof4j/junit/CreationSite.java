package dev.pprof4j.junit;

import java.util.List;

/**
 * Where a thread was started: the stack of the {@code Thread.start} call (from JFR's
 * {@code jdk.ThreadStart} event) and the thread that called it.
 *
 * @param stack innermost frame first; frames carry no file names (JFR records none)
 */
public record CreationSite(String parentName, long parentId, List<StackTraceElement> stack) {
    public CreationSite {
        stack = List.copyOf(stack);
    }
}
