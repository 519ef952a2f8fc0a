package dev.pprof4j.runtime.collect.heap;

/**
 * The profile's warning on JVMs whose sampler draws objects allocated outside a TLAB too seldom:
 * before JDK 25 HotSpot checks such an allocation against a countdown not yet charged for the
 * TLAB's bytes since its last slow path, so large objects read low and small ones high
 * (JDK-8356372, fixed in JDK 25; measured in docs/HEAP.md, "Object size and JDK 17"). No weight
 * can undo it, so the profile says it.
 */
final class OutsideTlabBias {
    /** The first feature release with JDK-8356372's fix. */
    static final int FIXED_IN = 25;

    private OutsideTlabBias() {
    }

    /** A clause for the heap profile's comment, {@code ""} on a JVM with the fix. */
    static String note(int feature) {
        if (feature >= FIXED_IN) {
            return "";
        }
        return "; JDK " + feature + ": HotSpot samples objects allocated outside TLABs (large arrays, or tens of KB"
                + " when threads are many) too seldom and small objects too often (JDK-8356372, fixed in JDK 25):"
                + " their sites read low, by up to half (docs/HEAP.md)";
    }
}
