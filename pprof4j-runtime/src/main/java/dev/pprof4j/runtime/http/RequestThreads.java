package dev.pprof4j.runtime.http;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's threads, and the guard on the connections they serve: a slow client
 * cannot hold a thread, and a connection the server has no room for is closed at once.
 *
 * <p>The JDK's server reads a request's line and headers on the executor's thread, from a
 * blocking {@link java.nio.channels.SocketChannel}, and has no header or write timeout of its
 * own unless {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime} are set — system
 * properties read once per JVM, which would change the host's own {@code HttpServer}s too. So
 * the guard is scoped to these threads: a watchdog interrupts a thread still reading headers
 * after {@link #HEADER_TIMEOUT_MILLIS} (after {@link #CROWDED_HEADER_MILLIS} when requests
 * wait for a thread), or blocked in one write for {@link #WRITE_TIMEOUT_MILLIS}; the interrupt
 * closes that channel (it is an {@link java.nio.channels.InterruptibleChannel}) and the JDK's
 * server drops the connection. A thread is interrupted only while it reads headers or writes,
 * never while it collects a profile.
 *
 * <p>A request that finds every thread busy and the short queue full is refused by throwing
 * {@link java.util.concurrent.RejectedExecutionException} from {@link #execute}: the JDK's dispatcher then closes
 * the connection (a discarded task would leave the socket open for good, in CLOSE-WAIT).
 */
final class RequestThreads extends ThreadPoolExecutor {
    /** Longest a client may take to send a request's line and headers. */
    static final long HEADER_TIMEOUT_MILLIS = 10_000;
    /** The same, while other requests wait for a thread: loopback clients send headers in microseconds. */
    static final long CROWDED_HEADER_MILLIS = 1_000;
    /** Longest one write may block on a client that does not read. */
    static final long WRITE_TIMEOUT_MILLIS = 30_000;
    /** Requests that may wait for a thread; beyond them a connection is closed at once. */
    static final int QUEUE = 16;
    private static final long TICK_MILLIS = 200;

    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final Thread watchdog;

    RequestThreads(int threads, String prefix) {
        super(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE));
        AtomicInteger next = new AtomicInteger(1);
        setThreadFactory(runnable -> {
            Worker worker = new Worker(runnable, prefix + next.getAndIncrement());
            workers.add(worker);
            return worker;
        });
        setRejectedExecutionHandler(new AbortPolicy());
        allowCoreThreadTimeOut(true);
        watchdog = new Thread(this::watch, prefix + "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The guard of the calling thread, or null when it is not one of the server's threads. */
    static Worker current() {
        return Thread.currentThread() instanceof Worker worker ? worker : null;
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        ((Worker) thread).enter(Phase.READING);
        if (active.incrementAndGet() == 1) {
            synchronized (active) {
                active.notifyAll();
            }
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        Worker worker = (Worker) Thread.currentThread();
        worker.enter(Phase.IDLE);
        Thread.interrupted(); // an eviction's interrupt must not reach the next request
        active.decrementAndGet();
    }

    @Override
    protected void terminated() {
        watchdog.interrupt();
    }

    private void watch() {
        try {
            while (!isShutdown()) {
                synchronized (active) {
                    while (active.get() == 0 && !isShutdown()) {
                        active.wait();
                    }
                }
                Thread.sleep(TICK_MILLIS);
                long now = System.nanoTime();
                boolean crowded = !getQueue().isEmpty();
                for (Worker worker : workers) {
                    if (!worker.isAlive()) {
                        workers.remove(worker);
                        continue;
                    }
                    worker.evictIfStuck(now, crowded);
                }
            }
        } catch (InterruptedException e) {
            // the server stops
        }
    }

    enum Phase { IDLE, READING, SERVING, WRITING }

    /** A server thread and what it is doing now, so the watchdog knows what it may interrupt. */
    static final class Worker extends Thread {
        private Phase phase = Phase.IDLE;
        private long since;
        private boolean evicted;

        Worker(Runnable runnable, String name) {
            super(runnable, name);
            setDaemon(true);
        }

        /**
         * Moves to {@code next}. Under the same lock as the watchdog's interrupt, so an
         * interrupt meant for a read or write never lands in the next phase.
         */
        synchronized void enter(Phase next) {
            if (evicted && next != Phase.IDLE) {
                return; // the connection is closed; the request ends with an IOException
            }
            phase = next;
            since = System.nanoTime();
            if (next == Phase.IDLE) {
                evicted = false;
            }
        }

        /** The request's headers are read: collecting a profile is never interrupted. */
        void serving() {
            enter(Phase.SERVING);
        }

        synchronized void evictIfStuck(long now, boolean crowded) {
            long millis = TimeUnit.NANOSECONDS.toMillis(now - since);
            boolean stuck = switch (phase) {
                case READING -> millis >= (crowded ? CROWDED_HEADER_MILLIS : HEADER_TIMEOUT_MILLIS);
                case WRITING -> millis >= WRITE_TIMEOUT_MILLIS;
                default -> false;
            };
            if (stuck) {
                evicted = true;
                phase = Phase.IDLE;
                interrupt();
            }
        }

        synchronized boolean evicted() {
            return evicted;
        }
    }
}
