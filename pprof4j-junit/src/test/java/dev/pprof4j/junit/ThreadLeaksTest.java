package dev.pprof4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** The programmatic API, on threads this test starts and stops itself. */
class ThreadLeaksTest {

    @Test
    void findsAThreadStartedAfterTheBaselineAndNotOneBefore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread before = startWaiting("before-baseline", release);
        try {
            ThreadLeakOption baseline = ThreadLeakOption.ignoreCurrent();
            Thread after = startWaiting("after-baseline", release);
            List<LiveThread> found = ThreadLeaks.find(baseline);
            assertEquals(List.of("after-baseline"), found.stream().map(LiveThread::name).toList());
            assertEquals(after.getId(), found.get(0).id());
            assertTrue(ThreadLeaks.find(baseline, ThreadLeakOption.ignoreThreadName("after-.*")).isEmpty());
            assertTrue(ThreadLeaks.find(baseline,
                    ThreadLeakOption.ignoreTopFunction("jdk.internal.misc.Unsafe.park")).isEmpty());

            AssertionError failure = assertThrows(AssertionError.class, () -> ThreadLeaks.verifyNone(baseline,
                    ThreadLeakOption.maxGrace(Duration.ofMillis(50))));
            assertTrue(failure.getMessage().startsWith("found unexpected threads:\n"), failure.getMessage());
            assertTrue(failure.getMessage().contains("\"after-baseline\" #" + after.getId()), failure.getMessage());
            assertTrue(failure.getMessage().contains("created by: unknown (no ThreadStartLog given)"));
            assertTrue(!failure.getMessage().contains("before-baseline"), failure.getMessage());
        } finally {
            release.countDown();
            before.join();
        }
    }

    @Test
    void waitsForAThreadThatEndsWithinTheGracePeriod() {
        ThreadLeakOption baseline = ThreadLeakOption.ignoreCurrent();
        Thread shortLived = new Thread(() -> sleep(150), "short-lived");
        shortLived.start();
        ThreadLeaks.verifyNone(baseline, ThreadLeakOption.maxGrace(Duration.ofSeconds(5)));
        assertTrue(!shortLived.isAlive());
    }

    @Test
    void namesTheCreatorFromTheThreadStartLog() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadStartLog log = ThreadStartLog.start()) {
            ThreadLeakOption baseline = ThreadLeakOption.ignoreCurrent();
            Thread leaked = startWaiting("leaked-here", release);
            AssertionError failure = assertThrows(AssertionError.class, () -> ThreadLeaks.verifyNone(baseline,
                    ThreadLeakOption.maxGrace(Duration.ZERO), ThreadLeakOption.creationSites(log)));
            assertTrue(failure.getMessage().contains("created by thread \"" + Thread.currentThread().getName() + "\""),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains("dev.pprof4j.junit.ThreadLeaksTest.startWaiting(line "),
                    failure.getMessage());
            release.countDown();
            leaked.join();
        }
    }

    @Test
    void refusesOptionsThatDoNotApply() {
        assertEquals("ignoreThreadName(\"(\"): not a regular expression: Unclosed group",
                assertThrows(IllegalArgumentException.class, () -> ThreadLeakOption.ignoreThreadName("(")).getMessage());
        assertEquals("ignoreTopFunction(\"sleep\"): expected a qualified method name like java.lang.Thread.sleep",
                assertThrows(IllegalArgumentException.class, () -> ThreadLeakOption.ignoreTopFunction("sleep")).getMessage());
        assertEquals("maxGrace(-1ms): a grace period cannot be negative; use 0 to look once",
                assertThrows(IllegalArgumentException.class, () -> ThreadLeakOption.maxGrace(Duration.ofMillis(-1)))
                        .getMessage(), "milliseconds, not Duration's PT-0.001S");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ThreadLeaks.find(ThreadLeakOption.maxGrace(Duration.ofSeconds(1))));
        assertEquals("maxGrace(PT1S) does not apply to find(), which looks once and returns the threads;"
                + " pass it to verifyNone()", refused.getMessage());
    }

    @Test
    void cutsCreationStacksAtTheTestFramework() {
        List<StackTraceElement> frames = List.of(
                new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "addWorker", null, 945),
                new StackTraceElement("com.example.FooTest", "leaks", null, 27),
                new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -1),
                new StackTraceElement("java.lang.reflect.Method", "invoke", null, 569),
                new StackTraceElement("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", null, 786));
        assertEquals(2, LeakReport.untilTestFramework(frames));
        assertEquals(2, LeakReport.untilTestFramework(frames.subList(0, 2)));
    }

    /**
     * A pool whose workers were started by submits on different lines is one entry; two pools
     * started alike are two, and so are two plain threads started on different lines.
     */
    @Test
    void aPoolIsOneEntryWhicheverLineStartedEachWorker() {
        List<StackTraceElement> parked = List.of(new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2));
        List<LiveThread> leaked = List.of(
                new LiveThread(31, "pool-3-thread-1", "WAITING", false, false, "java.lang.Thread", parked),
                new LiveThread(32, "pool-3-thread-2", "WAITING", false, false, "java.lang.Thread", parked),
                new LiveThread(33, "pool-3-thread-3", "WAITING", false, false, "java.lang.Thread", parked),
                new LiveThread(41, "pool-4-thread-1", "WAITING", false, false, "java.lang.Thread", parked),
                new LiveThread(51, "Thread-7", "WAITING", false, false, "java.lang.Thread", parked),
                new LiveThread(52, "Thread-8", "WAITING", false, false, "java.lang.Thread", parked));
        Map<Long, CreationSite> sites = new java.util.HashMap<>();
        sites.put(31L, new CreationSite("main", 1, submitAt(28)));
        sites.put(32L, new CreationSite("main", 1, submitAt(29)));
        sites.put(33L, new CreationSite("main", 1, submitAt(30)));
        sites.put(41L, new CreationSite("main", 1, submitAt(28)));
        sites.put(51L, new CreationSite("main", 1, List.of(new StackTraceElement("com.example.FooTest", "leaks", null, 40))));
        sites.put(52L, new CreationSite("main", 1, List.of(new StackTraceElement("com.example.FooTest", "leaks", null, 41))));
        String report = LeakReport.format(leaked, sites, "", java.time.Duration.ofMillis(300), true);
        assertEquals(4, report.lines().filter(l -> l.startsWith("[")).count(), report);
        assertTrue(report.contains("[3 threads in state WAITING, with jdk.internal.misc.Unsafe.park on top of the stack]: "
                + "\"pool-3-thread-1\" #31, \"pool-3-thread-2\" #32, \"pool-3-thread-3\" #33"), report);
        assertTrue(report.contains("at (the first of 3 places that started this pool's workers):"), report);
        assertTrue(report.contains("[1 thread in state WAITING, with jdk.internal.misc.Unsafe.park on top of the stack]: "
                + "\"pool-4-thread-1\" #41"), report);
    }

    private static List<StackTraceElement> submitAt(int line) {
        return List.of(new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "addWorker", null, 899),
                new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "execute", null, 1316),
                new StackTraceElement("com.example.FooTest", "leaksPool", null, line));
    }

    private static Thread startWaiting(String name, CountDownLatch release) {
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
