package dev.pprof4j.runtime.collect.history;

import dev.pprof4j.runtime.collect.heap.StackFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One shared copy of every string, frame and stack the history holds, and an estimate of
 * the bytes they take. Snapshots point at these copies; when snapshots leave the ring, a new
 * interner is filled from the snapshots that stay ({@link SnapshotHistory} does that once per
 * turn of the ring) and the old one, with whatever only the dropped snapshots used, becomes
 * garbage. Not thread-safe: only the history's thread records.
 */
final class Interner {
    // Object sizes on a 64-bit JVM with compressed references (the default below 32 GB),
    // rounded to 8 bytes: an estimate for /debug/vars, measured against the heap in the benchmark.
    private static final long MAP_ENTRY = 40;
    private static final long FRAME = 32;
    private static final long STACK = 24;

    private final Map<Object, Object> canonical = new HashMap<>();
    private final Map<List<StackTraceElement>, HistoryStack> byThreadStack = new HashMap<>();
    private final Map<List<StackFrame>, HistoryStack> byHeapStack = new HashMap<>();
    private long bytes;

    String string(String s) {
        if (s == null) {
            return null;
        }
        Object existing = canonical.putIfAbsent(s, s);
        if (existing != null) {
            return (String) existing;
        }
        bytes += MAP_ENTRY + align(40 + s.length());
        return s;
    }

    HistoryFrame frame(String className, String methodName, String fileName, int line) {
        HistoryFrame frame = new HistoryFrame(string(className), string(methodName), string(fileName), line);
        Object existing = canonical.putIfAbsent(frame, frame);
        if (existing != null) {
            return (HistoryFrame) existing;
        }
        bytes += MAP_ENTRY + FRAME;
        return frame;
    }

    HistoryStack stack(StackTraceElement[] frames) {
        if (frames == null || frames.length == 0) {
            return HistoryStack.EMPTY;
        }
        // Lookups by the JVM's own arrays first: the same stack comes back every tick.
        List<StackTraceElement> key = List.of(frames);
        HistoryStack known = byThreadStack.get(key);
        if (known != null) {
            return known;
        }
        HistoryFrame[] out = new HistoryFrame[frames.length];
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            out[i] = frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
        }
        HistoryStack stack = stack(out);
        byThreadStack.put(key, stack);
        // the key holds the JVM's frame objects (about 64 bytes each with their strings shared)
        bytes += MAP_ENTRY + 16 + 4L * frames.length + 64L * frames.length;
        return stack;
    }

    HistoryStack stack(List<StackFrame> frames) {
        HistoryStack known = byHeapStack.get(frames);
        if (known != null) {
            return known;
        }
        HistoryFrame[] out = new HistoryFrame[frames.size()];
        for (int i = 0; i < out.length; i++) {
            StackFrame f = frames.get(i);
            out[i] = frame(f.className(), f.methodName(), f.fileName(), f.line());
        }
        HistoryStack stack = stack(out);
        // the sampler keeps the key list itself; only the entry is ours
        byHeapStack.put(frames, stack);
        bytes += MAP_ENTRY;
        return stack;
    }

    private HistoryStack stack(HistoryFrame[] frames) {
        HistoryStack stack = new HistoryStack(frames);
        Object existing = canonical.putIfAbsent(stack, stack);
        if (existing != null) {
            return (HistoryStack) existing;
        }
        bytes += MAP_ENTRY + STACK + align(16 + 4L * frames.length);
        return stack;
    }

    /**
     * Takes over a stack another interner made, the same object: the snapshots that stay in
     * the ring keep pointing at it, so it must stay the one shared copy.
     */
    HistoryStack adopt(HistoryStack stack) {
        if (stack.isEmpty()) {
            return stack;
        }
        Object existing = canonical.putIfAbsent(stack, stack);
        if (existing != null) {
            return (HistoryStack) existing;
        }
        bytes += MAP_ENTRY + STACK + align(16 + 4L * stack.depth());
        for (int i = 0; i < stack.depth(); i++) {
            HistoryFrame f = stack.frame(i);
            if (canonical.putIfAbsent(f, f) == null) {
                bytes += MAP_ENTRY + FRAME;
                string(f.className());
                string(f.methodName());
                string(f.fileName());
            }
        }
        return stack;
    }

    /** Estimated bytes of the shared strings, frames and stacks and of the tables indexing them. */
    long bytes() {
        return bytes;
    }

    int size() {
        return canonical.size();
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
