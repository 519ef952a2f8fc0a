package dev.pprof4j.runtime.collect.jfr;

import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/** Turns JFR's recorded stacks into {@link StackTraceElement}s, the one frame type collectors share. */
public final class JfrStacks {
    static final StackTraceElement TRUNCATED = new StackTraceElement("", "(stack truncated by JFR)", null, 0);

    private JfrStacks() {
    }

    /** Leaf first; an empty list when the event has no stack. */
    public static List<StackTraceElement> of(RecordedStackTrace trace) {
        if (trace == null) {
            return List.of();
        }
        List<RecordedFrame> frames = trace.getFrames();
        List<StackTraceElement> stack = new ArrayList<>(frames.size() + 1);
        for (RecordedFrame frame : frames) {
            RecordedMethod method = frame.getMethod();
            if (method == null) {
                continue;
            }
            stack.add(new StackTraceElement(method.getType().getName(), method.getName(), null,
                    frame.getLineNumber()));
        }
        if (trace.isTruncated()) {
            stack.add(TRUNCATED);
        }
        return List.copyOf(stack);
    }
}
