package dev.pprof4j.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.ThreadSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A crowd's threads share one stack array (libpprof4j hands out one per distinct stack), and
 * the dump spells and the wait observer hashes each array once: the text and the waits must be
 * exactly those of the same threads each holding its own copy, also past the bounds of what is
 * remembered per array.
 */
class ThreadDumpSharedStacksTest {
    private static StackTraceElement[] stack(int variant) {
        return new StackTraceElement[] {
            new StackTraceElement("java.lang.VirtualThread", "parkNanos", "VirtualThread.java", 784 + variant),
            new StackTraceElement("java.lang.Thread", "sleep", "Thread.java", 540),
            new StackTraceElement("app.Crowd$$Lambda/0x0000000801001234", "run", null, -1),
            new StackTraceElement("app.Crowd", "park", "Crowd.java", 32),
            new StackTraceElement("java.lang.Object", "wait0", "Object.java", -2),
        };
    }

    /** Threads 0..n-1: shared arrays when {@code shared}, else a copy each; {@code distinct} stacks in turn. */
    private static List<ThreadSample> crowd(int n, int distinct, boolean shared) {
        StackTraceElement[][] stacks = new StackTraceElement[distinct][];
        for (int i = 0; i < distinct; i++) {
            stacks[i] = stack(i);
        }
        List<ThreadSample> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StackTraceElement[] stack = stacks[i % distinct];
            threads.add(new ThreadSample(1000 + i, "crowd-" + i, true, true, Thread.State.TIMED_WAITING,
                    shared ? stack : Arrays.copyOf(stack, stack.length), null));
        }
        return threads;
    }

    @Test
    void sharedStacksReadAsCopiesDo() {
        for (int distinct : new int[] {1, 7, ThreadDump.MAX_SPELLED + 10}) {
            int n = 3 * distinct + 5;
            String shared = ThreadDump.write(crowd(n, distinct, true), new CreatedByTable(), Map.of(), null);
            String copies = ThreadDump.write(crowd(n, distinct, false), new CreatedByTable(), Map.of(), null);
            assertEquals(copies, shared, distinct + " distinct stacks");
            assertEquals(n, shared.split("\ngoroutine ", -1).length, shared.substring(0, 300));
        }
        String one = ThreadDump.write(crowd(2, 2, true), new CreatedByTable(), Map.of(), null);
        assertTrue(one.contains("java.lang.VirtualThread.parkNanos(...)\n\tjava/lang/VirtualThread.java:784\n"), one);
        assertTrue(one.contains("java.lang.VirtualThread.parkNanos(...)\n\tjava/lang/VirtualThread.java:785\n"), one);
        assertTrue(one.contains("java.lang.Object.wait0(...)\n\tjava/lang/Object.java (native)\n"), one);
    }

    @Test
    void waitsAreKnownForSharedAndCopiedStacksAlike() {
        for (boolean shared : new boolean[] {true, false}) {
            int distinct = WaitObserver.MAX_HASHED + 3;
            WaitObserver observer = new WaitObserver();
            assertTrue(observer.observe(crowd(2 * distinct, distinct, shared), 1_000).isEmpty());
            Map<Long, Long> waited = observer.observe(crowd(2 * distinct, distinct, shared), 61_000);
            assertEquals(2 * distinct, waited.size(), "shared: " + shared);
            assertEquals(60_000L, waited.get(1000L + 2 * distinct - 1));
            // the same threads moved to the next stack: no known wait
            List<ThreadSample> moved = new ArrayList<>();
            for (ThreadSample thread : crowd(2 * distinct, distinct, shared)) {
                moved.add(new ThreadSample(thread.id(), thread.name(), true, true, thread.state(),
                        stack((int) (thread.id() - 1000 + 1) % distinct), null));
            }
            assertFalse(observer.observe(moved, 62_000).containsKey(1000L), "shared: " + shared);
        }
    }
}
