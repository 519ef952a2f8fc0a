package dev.pprof4j.protocol;

import java.util.List;

/**
 * One Java thread as the JDK's thread dumps print it ({@link ThreadDumpText}, {@link ThreadDumpJson}).
 *
 * @param id the thread id ({@link Thread#getId()}), or -1 where the dump has none
 * @param state {@link Thread.State}'s name, or "" where the dump omits it ({@code
 *     Thread.dump_to_file} before JDK 25)
 * @param virtual whether the dump marks the thread virtual (only {@code Thread.dump_to_file}
 *     lists virtual threads)
 * @param stack innermost frame first, with {@link StackTraceElement}'s conventions: line -1
 *     when unknown, -2 for a native method, a null file when the source is unknown
 */
public record DumpedThread(long id, String name, String state, boolean virtual, List<StackTraceElement> stack) {
    public DumpedThread {
        stack = List.copyOf(stack);
    }
}
