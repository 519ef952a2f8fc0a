package dev.pprof4j.junit.sample;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.pprof4j.junit.NoThreadLeaks;

/**
 * The sample test project: tests that leak threads and tests that don't, run through the
 * JUnit Platform Launcher by {@code ThreadLeakSamplesIT}, which checks which fail and why.
 * Not a test of its own (its name matches no Surefire pattern, and it only runs with
 * {@code -Dpprof4j.samples=true}).
 */
@NoThreadLeaks(graceMillis = 300)
@EnabledIfSystemProperty(named = "pprof4j.samples", matches = "true")
public class ThreadLeakSamples {
    /** Alive before every test: only a test with {@code ignoreCurrent = false} may see it. */
    private static final Thread STARTED_WITH_THE_CLASS = startParkedThread("started-with-the-class");

    @Test
    void leaksExecutor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            pool.submit(() -> 1).get(); // each submit starts a worker; the pool is never shut down
        }
    }

    @Test
    void leaksVirtualThread() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        // Compiled for Java 17, so the JDK 21 method is looked up.
        Thread.class.getMethod("startVirtualThread", Runnable.class)
                .invoke(null, (Runnable) ThreadLeakSamples::parkForever);
    }

    @Test
    void closesExecutor() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.submit(() -> 1).get();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void shutsDownWithoutWaiting() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        pool.submit(() -> 1).get();
        pool.shutdown(); // the worker ends a moment later: the grace period covers it
    }

    @Test
    void joinsVirtualThread() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        Thread t = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
                .invoke(null, (Runnable) () -> { });
        t.join();
    }

    @Test
    @NoThreadLeaks(graceMillis = 300, ignoreThreadNames = "tolerated-.*")
    void leakIgnoredByName() {
        startParkedThread("tolerated-1");
    }

    @Test
    @NoThreadLeaks(graceMillis = 300, ignoreTopFunctions = "jdk.internal.misc.Unsafe.park")
    void leakIgnoredByTopFunction() {
        startParkedThread("parked-1");
    }

    @Test
    @NoThreadLeaks(graceMillis = 300, ignoreCurrent = false)
    void threadsAliveBeforeCountWithoutIgnoreCurrent() {
    }

    @Test
    @NoThreadLeaks(ignoreThreadNames = "[unclosed")
    void refusesBadOption() {
    }

    @Test
    @NoThreadLeaks(graceMillis = -1)
    void refusesNegativeGrace() {
    }

    private static Thread startParkedThread(String name) {
        Thread t = new Thread(ThreadLeakSamples::parkForever, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void parkForever() {
        while (true) {
            LockSupport.park();
        }
    }
}
