package dev.pprof4j.runtime.http;

import dev.pprof4j.protocol.JavaFrames;
import dev.pprof4j.protocol.StableNames;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.ThreadSample;
import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code goroutine?debug=2}: one entry per thread, Go's layout
 * ({@code goroutine N [state, M minutes]:}, function then tab-indented file:line, a
 * {@code created by} section), with what the JVM adds: the thread's name, daemon and virtual
 * flags, the monitors and locks it holds or waits for, and the whole stack that created it.
 */
final class ThreadDump {
    private ThreadDump() {
    }

    static String write(List<ThreadSample> threads, CreatedByTable createdBy, Map<Long, Long> waitedMillis,
            String note) {
        java.io.StringWriter out = new java.io.StringWriter(threads.size() * 1024);
        try {
            if (note != null) {
                out.append("# ").append(note).append("\n\n");
            }
            write(out, threads, createdBy, waitedMillis);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Stacks spelled once per {@link #write} call and kept for the threads that share them. */
    static final int MAX_SPELLED = 1024;

    /** Writes {@code threads}' entries to {@code out} as they are made (a response streams them). */
    static void write(Appendable out, List<ThreadSample> threads, CreatedByTable createdBy,
            Map<Long, Long> waitedMillis) throws java.io.IOException {
        // A crowd parked at one place shares one stack array (libpprof4j hands out one per
        // distinct stack), so its text is made once, not once per thread: most of a
        // 100 000-thread dump's time was spelling the same frames again.
        Map<StackTraceElement[], String> spelled = new java.util.IdentityHashMap<>();
        for (ThreadSample thread : threads) {
            out.append("goroutine ").append(Long.toString(thread.id())).append(" [")
                    .append(thread.state() == null ? "unknown state" : thread.state().toString());
            Long waited = waitedMillis.get(thread.id());
            // Go prints a wait only from one minute on; so do we, as "at least" that long.
            if (waited != null && waited >= 60_000) {
                out.append(", ").append(Long.toString(waited / 60_000)).append(" minutes");
            }
            out.append("]: \"").append(thread.name()).append('"');
            if (thread.daemon()) {
                out.append(" daemon");
            }
            if (thread.virtual()) {
                out.append(" virtual");
            }
            out.append('\n');
            if (thread.info() == null) {
                out.append(spelled(spelled, thread.stack()));
            } else {
                frames(out, thread.stack(), thread.info());
            }
            CreatedByTable.Creation creation = createdBy.creation(thread.id());
            if (creation == null || creation.stack().isEmpty()) {
                out.append("created by unknown (").append(thread.virtual() ? "virtual thread creation is not recorded"
                        : "started before pprof4j").append(")\n");
            } else {
                out.append("created by ").append(creator(creation.stack()))
                        .append(" in thread \"").append(creation.parentName()).append("\"\n");
                frames(out, creation.stack().toArray(StackTraceElement[]::new), null);
            }
            out.append('\n');
        }
    }

    /**
     * The first frame outside {@code java.lang} (Thread.start, and on JDK 21+ System$1.start),
     * the executors and the JDK's thread containers: the code that asked for a thread.
     */
    private static String creator(List<StackTraceElement> stack) {
        for (StackTraceElement frame : stack) {
            String type = StableNames.className(frame.getClassName());
            if (!type.startsWith("java.lang.") && !type.startsWith("java.util.concurrent.")
                    && !type.startsWith("jdk.internal.")) {
                return JavaFrames.functionName(type, frame.getMethodName());
            }
        }
        StackTraceElement first = stack.get(0);
        return JavaFrames.functionName(StableNames.className(first.getClassName()), first.getMethodName());
    }

    /** The text of a stack without lock details, made once per array while there is room. */
    private static String spelled(Map<StackTraceElement[], String> spelled, StackTraceElement[] stack)
            throws java.io.IOException {
        String text = spelled.get(stack);
        if (text == null) {
            StringBuilder made = new StringBuilder(stack.length * 64);
            frames(made, stack, null);
            text = made.toString();
            if (spelled.size() < MAX_SPELLED) {
                spelled.put(stack, text);
            }
        }
        return text;
    }

    private static void frames(Appendable out, StackTraceElement[] stack, ThreadInfo info) throws java.io.IOException {
        for (int depth = 0; depth < stack.length; depth++) {
            StackTraceElement frame = stack[depth];
            // the same names as the profiles' frames, so a lambda reads alike in debug=2 and in -top
            String type = StableNames.className(frame.getClassName());
            out.append(type).append('.').append(frame.getMethodName()).append("(...)\n\t")
                    .append(JavaFrames.fileName(type, frame.getFileName()));
            if (frame.getLineNumber() > 0) {
                out.append(':').append(Integer.toString(frame.getLineNumber()));
            } else if (frame.isNativeMethod()) {
                out.append(" (native)");
            }
            out.append('\n');
            if (info != null) {
                locks(out, info, depth);
            }
        }
        if (info != null && info.getLockedSynchronizers().length > 0) {
            out.append("\tlocked synchronizers:");
            for (LockInfo lock : info.getLockedSynchronizers()) {
                out.append(' ').append(String.valueOf(lock));
            }
            out.append('\n');
        }
    }

    private static void locks(Appendable out, ThreadInfo info, int depth) throws java.io.IOException {
        if (depth == 0 && info.getLockInfo() != null) {
            String verb = switch (info.getThreadState()) {
                case BLOCKED -> "blocked on";
                case WAITING, TIMED_WAITING -> "waiting on";
                default -> "on";
            };
            out.append("\t- ").append(verb).append(' ').append(String.valueOf(info.getLockInfo()));
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append("\" (goroutine ")
                        .append(Long.toString(info.getLockOwnerId())).append(')');
            }
            out.append('\n');
        }
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            if (monitor.getLockedStackDepth() == depth) {
                out.append("\t- locked ").append(String.valueOf(monitor)).append('\n');
            }
        }
    }
}
