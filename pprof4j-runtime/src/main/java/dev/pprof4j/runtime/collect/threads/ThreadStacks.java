package dev.pprof4j.runtime.collect.threads;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's stack and state, taken the cheapest way this JDK allows. On JDK 25 that is
 * {@code jdk.internal.vm.ThreadSnapshot.of(thread)}, the JDK's own thread-dump primitive: one
 * handshake with the thread, frames turned into {@link StackTraceElement}s in the VM. Before
 * that, {@link Thread#getStackTrace()}, which for an unmounted virtual thread walks its
 * continuation with a {@code StackWalker} in Java and allocates a frame object per frame
 * before converting it (most of the time of a 100 000-thread goroutine dump). The internal
 * class is reachable only when the agent has opened {@code jdk.internal.vm} to pprof4j (see
 * {@link VirtualThreads#open}); otherwise, or if a call fails, the public method serves.
 */
final class ThreadStacks {
    /** A thread's stack and state at one moment. */
    record Capture(StackTraceElement[] stack, Thread.State state) {
    }

    private final Method snapshotOf;
    private final Method stackTrace;
    private final Method threadState;

    private ThreadStacks(Method snapshotOf, Method stackTrace, Method threadState) {
        this.snapshotOf = snapshotOf;
        this.stackTrace = stackTrace;
        this.threadState = threadState;
    }

    /** Uses ThreadSnapshot where this JDK has it and its package is open to us; never throws. */
    static ThreadStacks find() {
        try {
            Class<?> snapshot = Class.forName("jdk.internal.vm.ThreadSnapshot");
            Method of = snapshot.getDeclaredMethod("of", Thread.class);
            Method stack = snapshot.getDeclaredMethod("stackTrace");
            Method state = snapshot.getDeclaredMethod("threadState");
            of.setAccessible(true);
            stack.setAccessible(true);
            state.setAccessible(true);
            ThreadStacks found = new ThreadStacks(of, stack, state);
            found.capture(Thread.currentThread()); // fails now, not on a request, if the JDK disagrees
            return found;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new ThreadStacks(null, null, null);
        }
    }

    /** Which primitive serves, for the profile's comment. */
    String engine() {
        return snapshotOf != null ? "ThreadSnapshot" : "Thread.getStackTrace";
    }

    /** Below this many threads one thread takes every stack: starting helpers costs more. */
    static final int PARALLEL_FROM = 4096;
    /** Threads handed to a helper at a time, so a helper that started late still takes its share. */
    private static final int CHUNK = 512;

    /**
     * The captures of {@code threads}, in their order (null where one has ended). Each capture is
     * a handshake with one thread, not a safepoint, so nothing else stops; a crowd of 100 000
     * virtual threads is spread over up to {@code workers} threads (the caller and short-lived
     * helpers), which takes the same CPU time and a fraction of the wall time.
     */
    Capture[] captureAll(List<Thread> threads, int workers) {
        Capture[] captures = new Capture[threads.size()];
        int helpers = threads.size() < PARALLEL_FROM ? 0 : Math.max(0, workers - 1);
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int from; (from = next.getAndAdd(CHUNK)) < captures.length; ) {
                for (int i = from, to = Math.min(captures.length, from + CHUNK); i < to; i++) {
                    captures[i] = capture(threads.get(i));
                }
            }
        };
        List<Thread> started = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            Thread helper = new Thread(work, "pprof4j-thread-stacks");
            helper.setDaemon(true);
            helper.start();
            started.add(helper);
        }
        work.run();
        boolean interrupted = false;
        for (Thread helper : started) {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers end on their own within the dump's time
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return captures;
    }

    /** The thread's stack and state, or null when it has terminated. */
    Capture capture(Thread thread) {
        if (snapshotOf != null) {
            try {
                Object snapshot = snapshotOf.invoke(null, thread);
                if (snapshot == null) {
                    return null;
                }
                return new Capture((StackTraceElement[]) stackTrace.invoke(snapshot),
                        (Thread.State) threadState.invoke(snapshot));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to the public API for this thread
            }
        }
        StackTraceElement[] stack = thread.getStackTrace();
        Thread.State state = thread.getState();
        return state == Thread.State.TERMINATED ? null : new Capture(stack, state);
    }
}
