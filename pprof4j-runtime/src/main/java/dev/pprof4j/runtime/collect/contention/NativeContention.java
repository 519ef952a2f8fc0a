package dev.pprof4j.runtime.collect.contention;

/**
 * The contention natives of libpprof4j (pprof4j-runtime/src/main/native/contention.c); the
 * library is loaded by {@link dev.pprof4j.runtime.collect.heap.NativeLibrary}.
 */
final class NativeContention {
    private NativeContention() {
    }

    /**
     * Null when monitor enters and waits are traced, else why not; {@code parks}: re-bind
     * Unsafe.park too; {@code holdersPerSecond}: the most holders' stacks a second, 0 for no limit.
     */
    static native String start0(long rateNanos, int fraction, int holdersPerSecond, int maxDepth, boolean parks);

    /** Null when Unsafe.park is traced, else why not. */
    static native String parkError0();

    /** Null when virtual threads' parks are traced (mount events, JDK 21+), else why not. */
    static native String virtualParkError0();

    static native void stop0();

    /** Sites from {@code from} on: kind, frame count, then (method index, line) per frame. */
    static native int[] sites0(int from);

    /** Contentions and delay in nanoseconds per site, scaled. */
    static native double[] values0();

    /**
     * Monitor enters, monitor waits, parks; stacks taken; holder stacks taken and their nanoseconds;
     * dropped; holder every; virtual threads' parks.
     */
    static native long[] stats0();
}
