package dev.pprof4j.runtime.collect.threads;

import java.lang.management.ThreadInfo;

/**
 * One live thread at the moment of a snapshot.
 *
 * @param info the platform thread's lock details when the snapshot asked for them; null for
 *     virtual threads and snapshots without locks
 */
public record ThreadSample(long id, String name, boolean virtual, boolean daemon, Thread.State state,
        StackTraceElement[] stack, ThreadInfo info) {
}
