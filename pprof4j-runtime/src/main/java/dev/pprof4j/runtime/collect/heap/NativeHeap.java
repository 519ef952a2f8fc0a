package dev.pprof4j.runtime.collect.heap;

/**
 * The natives of libpprof4j (pprof4j-runtime/src/main/native/sampler.c). Only
 * {@link NativeLibrary} loads the library; callers go through {@link HeapSampler}.
 */
final class NativeHeap {
    private NativeHeap() {
    }

    /** Why JNI_OnLoad could not set up JVMTI, or null when it could. */
    static native String loadError0();

    /** {@code budget}: share of the process's CPU the sampler may take before it raises the interval; 0 never. */
    static native boolean start0(int intervalBytes, int maxDepth, double budget);

    static native void stop0();

    static native void reset0();

    /**
     * Eight values per site, then the collections in use was counted as of (-1: this JVM
     * reports none); see sampler.c. Null after the JVM began to die.
     */
    static native double[] snapshot0();

    /** Stacks of sites [from, to): class id, frame count, then (method id, line) per frame. */
    static native int[] sites0(int from, int to);

    /** Class signature, method name and source file of methods from {@code from} on. */
    static native String[] methods0(int from);

    /** Signatures of allocated classes from {@code from} on. */
    static native String[] classes0(int from);

    /**
     * Samples, dropped samples, nanoseconds in the callback, live samples, sites, the current
     * interval, the interval asked for, samples drawn above it, the largest interval drawn with.
     */
    static native long[] stats0();

    /**
     * One bounded heap walk from the GC roots (heapwalk.c) for the objects of some classes (the
     * raw classes that share a stable name): a header line, then per chain shape
     * {@code objects TAB bytes TAB chain}; a line starting {@code !} is an error. Null once the
     * JVM is exiting.
     */
    static native String retainers0(String[] classSignatures, int maxObjects, int maxPaths, long maxMillis);

    /**
     * The same walk for the live sampled objects of the given sites (indexes into the sampler's
     * site table): per chain shape {@code samples TAB estimated-bytes TAB chain}.
     */
    static native String siteRetainers0(int[] sites, int maxObjects, int maxPaths, long maxMillis);
}
