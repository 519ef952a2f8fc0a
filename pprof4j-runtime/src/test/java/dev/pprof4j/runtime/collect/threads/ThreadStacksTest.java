package dev.pprof4j.runtime.collect.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A crowd's stacks taken by several threads land in the order of the threads asked for. */
class ThreadStacksTest {
    @Test
    void parallelCapturesKeepEachThreadsOwnStackInItsPlace() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        Thread inA = parked("stacks-a", () -> parkedInA(started, release));
        Thread inB = parked("stacks-b", () -> parkedInB(started, release));
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        try {
            started.await();
            // more entries than PARALLEL_FROM, in a random order, so the helpers share the work
            SplittableRandom random = new SplittableRandom();
            List<Thread> crowd = new ArrayList<>();
            for (int i = 0; i < ThreadStacks.PARALLEL_FROM + 1000 + random.nextInt(1000); i++) {
                int pick = random.nextInt(3);
                crowd.add(pick == 0 ? inA : pick == 1 ? inB : ended);
            }
            ThreadStacks.Capture[] captures = ThreadStacks.find().captureAll(crowd, 3);
            assertEquals(crowd.size(), captures.length);
            for (int i = 0; i < captures.length; i++) {
                Thread thread = crowd.get(i);
                if (thread == ended) {
                    assertNull(captures[i], "an ended thread has no capture, at " + i);
                } else {
                    assertEquals(thread == inA ? "parkedInA" : "parkedInB", waitingIn(captures[i]), "at " + i);
                }
            }
        } finally {
            release.countDown();
            inA.join();
            inB.join();
        }
    }

    private static Thread parked(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The parkedIn* frame of this test class on the stack. */
    private static String waitingIn(ThreadStacks.Capture capture) {
        for (StackTraceElement frame : capture.stack()) {
            if (frame.getClassName().equals(ThreadStacksTest.class.getName())
                    && frame.getMethodName().startsWith("parkedIn")) {
                return frame.getMethodName();
            }
        }
        return "no frame of the test in " + java.util.Arrays.toString(capture.stack());
    }

    private static void parkedInA(CountDownLatch started, CountDownLatch release) {
        await(started, release);
    }

    private static void parkedInB(CountDownLatch started, CountDownLatch release) {
        await(started, release);
    }

    private static void await(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
