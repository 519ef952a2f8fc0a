package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.protocol.ClassNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods libpprof4j has resolved, in its one table: the heap sampler's and the contention
 * sampler's stacks name methods by their index in it.
 */
public final class NativeMethods {
    private NativeMethods() {
    }

    /** Methods from index {@code from} on, each as a frame with line 0; empty once the JVM is exiting. */
    public static List<StackFrame> from(int from) {
        String[] m = NativeLibrary.loadError() == null ? NativeHeap.methods0(from) : null;
        List<StackFrame> out = new ArrayList<>();
        for (int k = 0; m != null && k + 2 < m.length; k += 3) {
            out.add(new StackFrame(ClassNames.javaName(m[k]), m[k + 1], m[k + 2], 0));
        }
        return out;
    }
}
