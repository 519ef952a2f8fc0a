package dev.pprof4j.runtime.collect.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * libpprof4j's stacks read as the JDK's: for the same parked threads, the class, method, file,
 * line and native flag of every frame, and the state, are what the JDK's own path gives (the
 * goroutine profile and dump are made of nothing else). Platform threads on every JDK; virtual
 * threads too on JDK 21+ (run on JDK 25 in CI). An IT, not a unit test, so that CI's JDK 25 run
 * takes it.
 */
class NativeThreadStacksIT {
    @Test
    void platformThreadsStacksAreTheJdksFrameForFrame() throws Exception {
        sameStacksAsTheJdk(false);
    }

    @Test
    void virtualThreadsStacksAreTheJdksFrameForFrame() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads are JDK 21+");
        sameStacksAsTheJdk(true);
    }

    private static void sameStacksAsTheJdk(boolean virtual) throws Exception {
        String reason = NativeThreadStacks.openReason();
        assumeTrue(reason == null || "true".equals(System.getenv("CI")), "libpprof4j does not load here: " + reason);
        assertNull(reason, "libpprof4j must take stacks in CI (Linux x64, gcc)");
        CountDownLatch release = new CountDownLatch(1);
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        List<Runnable> shapes = List.of(
                () -> sleep(),
                () -> await(release),
                () -> waitOn(monitor, release),
                () -> lockThenRelease(lock),
                () -> take(new SynchronousQueue<>()),
                () -> throughLambda(release),
                () -> throughMethodHandle(release),
                () -> throughReflection(release),
                () -> deep(NativeThreadStacks.MAX_DEPTH + 20, release)); // the JDK takes one this deep
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(shapes.size());
        try {
            for (Runnable shape : shapes) {
                threads.add(start(virtual, () -> {
                    started.countDown();
                    shape.run();
                }));
            }
            Thread ended = start(virtual, () -> { });
            ended.join();
            threads.add(ended);
            started.await();
            awaitParked(threads.subList(0, shapes.size()));

            ThreadStacks natives = ThreadStacks.find(true);
            ThreadStacks jdk = ThreadStacks.find(false);
            assertTrue(natives.engine().startsWith("JVMTI"), natives.engine());
            assertTrue(!jdk.engine().startsWith("JVMTI"), jdk.engine());
            ThreadStacks.Capture[] ours = natives.captureAll(threads, 1);
            ThreadStacks.Capture[] theirs = jdk.captureAll(threads, 1);
            for (int i = 0; i < shapes.size(); i++) {
                assertEquals(describe(theirs[i]), describe(ours[i]), "thread " + i + " (virtual: " + virtual + ")");
                assertTrue(ours[i].stack().length > 2, describe(ours[i]));
            }
            assertNull(ours[shapes.size()], "an ended thread has no stack");
        } finally {
            release.countDown();
            lock.unlock();
            for (Thread thread : threads) {
                thread.interrupt();
                thread.join(10_000);
            }
        }
    }

    /** What a dump shows of a capture: its state and each frame's names, line and native flag. */
    private static String describe(ThreadStacks.Capture capture) {
        if (capture == null) {
            return "no capture";
        }
        StringBuilder out = new StringBuilder(String.valueOf(capture.state())).append('\n');
        for (StackTraceElement frame : capture.stack()) {
            out.append(frame.getClassName()).append('.').append(frame.getMethodName()).append(' ')
                    .append(frame.getFileName()).append(':').append(frame.getLineNumber())
                    .append(frame.isNativeMethod() ? " native" : "").append('\n');
        }
        return out.toString();
    }

    /** Waits until every thread is parked (a capture taken earlier could catch it on its way). */
    private static void awaitParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Thread thread : threads) {
            while (thread.getState() == Thread.State.RUNNABLE || thread.getState() == Thread.State.NEW) {
                assertTrue(System.nanoTime() < deadline, thread + " did not park");
                Thread.sleep(5);
            }
        }
        Thread.sleep(50); // a parked virtual thread unmounts right after its state changes
    }

    private static Thread start(boolean virtual, Runnable body) throws ReflectiveOperationException {
        if (virtual) { // JDK 21+; the tests compile with --release 17
            return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
        }
        Thread thread = new Thread(body, "native-stacks");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            // released
        }
    }

    static void await(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            // released
        }
    }

    private static void waitOn(Object monitor, CountDownLatch release) {
        synchronized (monitor) {
            while (release.getCount() > 0) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void lockThenRelease(ReentrantLock lock) {
        try {
            lock.lockInterruptibly();
            lock.unlock();
        } catch (InterruptedException e) {
            // released
        }
    }

    private static void take(SynchronousQueue<Object> queue) {
        try {
            queue.take();
        } catch (InterruptedException e) {
            // released
        }
    }

    private static void throughLambda(CountDownLatch release) {
        Supplier<Integer> parked = () -> {
            await(release);
            return 1;
        };
        parked.get();
    }

    private static void throughMethodHandle(CountDownLatch release) {
        try {
            MethodHandles.lookup().findStatic(NativeThreadStacksIT.class, "await",
                    MethodType.methodType(void.class, CountDownLatch.class)).invoke(release);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static void throughReflection(CountDownLatch release) {
        try {
            NativeThreadStacksIT.class.getDeclaredMethod("await", CountDownLatch.class).invoke(null, release);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void deep(int depth, CountDownLatch release) {
        if (depth == 0) {
            await(release);
        } else {
            deep(depth - 1, release);
        }
    }
}
