package dev.pprof4j.runtime.http;

import dev.pprof4j.runtime.collect.threads.ThreadSample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a thread has been waiting "where known": the JVM does not record when a wait
 * began, so this remembers, between full dumps, since when each thread has been seen in the
 * same state at the same stack. A thread seen only once has no known wait. Only live threads
 * are remembered, so memory follows the thread count.
 */
final class WaitObserver {
    private record Seen(Thread.State state, int stackHash, long sinceMillis) {
    }

    private Map<Long, Seen> seen = new HashMap<>();
    /** Distinct stack arrays whose hash one batch remembers. */
    static final int MAX_HASHED = 4096;

    /** Observes every thread now; returns, per thread id, milliseconds it has waited unchanged (or absent). */
    synchronized Map<Long, Long> observe(List<ThreadSample> threads, long nowMillis) {
        Round round = new Round(nowMillis);
        Map<Long, Long> waited = round.observe(threads);
        round.end();
        return waited;
    }

    /** A HashMap capacity that holds {@code entries} without growing. */
    private static int capacity(int entries) {
        return (int) Math.min(1 << 30, entries * 4L / 3 + 1);
    }

    /** One dump observed batch by batch; what it saw replaces what was remembered at {@link #end}. */
    final class Round {
        private final Map<Long, Seen> next;
        private final long nowMillis;

        Round(long nowMillis) {
            this.nowMillis = nowMillis;
            synchronized (WaitObserver.this) {
                next = new HashMap<>(capacity(seen.size())); // about as many threads as last time: no rehashing
            }
        }

        Map<Long, Long> observe(List<ThreadSample> threads) {
            Map<Long, Long> waited = new HashMap<>(capacity(threads.size()));
            // Threads parked at one place share one stack array: hashed once, not per thread.
            Map<StackTraceElement[], Integer> hashes = new IdentityHashMap<>();
            synchronized (WaitObserver.this) {
                for (ThreadSample thread : threads) {
                    if (thread.state() == Thread.State.RUNNABLE) {
                        continue;
                    }
                    Integer known = hashes.get(thread.stack());
                    int hash = known != null ? known : Arrays.hashCode(thread.stack());
                    if (known == null && hashes.size() < MAX_HASHED) {
                        hashes.put(thread.stack(), hash);
                    }
                    Long id = thread.id(); // boxed once for the three maps
                    Seen before = seen.get(id);
                    Seen now = before != null && before.state == thread.state() && before.stackHash == hash ? before
                            : new Seen(thread.state(), hash, nowMillis);
                    next.put(id, now);
                    if (now == before) {
                        waited.put(id, nowMillis - now.sinceMillis);
                    }
                }
            }
            return waited;
        }

        void end() {
            synchronized (WaitObserver.this) {
                seen = next;
            }
        }
    }
}
