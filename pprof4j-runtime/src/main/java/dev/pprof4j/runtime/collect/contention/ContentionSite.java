package dev.pprof4j.runtime.collect.contention;

import dev.pprof4j.runtime.collect.heap.StackFrame;
import java.util.List;

/**
 * One stack of the contention sampler and what was credited to it so far, scaled.
 *
 * @param kind  whose stack it is and for which profile
 * @param stack leaf first
 */
public record ContentionSite(Kind kind, List<StackFrame> stack, long contentions, long delayNanos) {
    public enum Kind {
        /** A waiting stack of the block profile. */
        BLOCK,
        /** A waiting stack of the mutex profile. */
        MUTEX_WAITER,
        /** The stack that held the lock the mutex profile's waiter waited for. */
        MUTEX_HOLDER,
        /**
         * No stack: a monitor whose owner JVMTI did not name on a JVM with virtual threads (a virtual
         * thread held it, or it was free again when read).
         */
        MUTEX_HOLDER_UNNAMED
    }
}
