package dev.pprof4j.runtime.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A service with the classic thread leak: every "request" builds a new pool and never shuts
 * it down, so each request leaves an idle worker thread behind whose own stack is only the
 * pool's idle loop. Arguments: {@code requests intervalMillis [virtualThreads]}. With a third
 * argument on JDK 21+, also parks that many virtual threads in {@link #parkVirtual}.
 * Prints {@code leaked N} once all requests ran, then runs until killed.
 */
public final class LeakyService {
    private static final List<ExecutorService> LEAKED = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        long intervalMillis = Long.parseLong(args[1]);
        int virtualThreads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        if (virtualThreads > 0) {
            startVirtualThreads(virtualThreads);
            System.out.println("virtual " + virtualThreads);
        }
        System.out.println("ready");
        for (int i = 0; i < requests; i++) {
            handleRequest(i);
            Thread.sleep(intervalMillis);
        }
        System.out.println("leaked " + requests);
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The culprit threadcreate must name: it builds a pool per request and never shuts it down. */
    static void handleRequest(int request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> request * 2).get();
        synchronized (LEAKED) {
            LEAKED.add(pool); // never shut down: the leak
        }
    }

    /** Starts virtual threads through reflection: the tests compile for Java 17. */
    static void startVirtualThreads(int count) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        CountDownLatch started = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            start.invoke(builder, (Runnable) () -> parkVirtual(started));
        }
        if (!started.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("virtual threads did not start");
        }
    }

    /** Where all the virtual threads wait: one group in the goroutine profile. */
    static void parkVirtual(CountDownLatch started) {
        started.countDown();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
