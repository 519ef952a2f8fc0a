package dev.pprof4j.runtime.collect.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * A truth workload and its thread: while {@link #setWorking} is true it works one round of
 * stretches after another ({@link #round}), while false it parks, using no CPU, so a test can
 * tell when the last stretch of a profile's window has ended ({@link #isIdle}). The child JVMs
 * of the CPU truth tests drive it in CPU time: {@link #warmUp}, then {@link #workFor} inside
 * each profile's window.
 */
abstract class StretchWorker implements Runnable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private volatile boolean stopped;
    private volatile boolean working;
    private volatile boolean idle = true;
    private Thread thread;

    /** Starts the worker's own (daemon) thread, idle. */
    void start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the thread and waits for it. */
    void stopAndJoin() throws InterruptedException {
        stopped = true;
        thread.join();
    }

    /** The worker thread's CPU time so far, ns. */
    long cpuNanos() {
        return THREADS.getThreadCpuTime(thread.getId());
    }

    /**
     * Works for {@code millis} of wall time (so the JIT compiles the rounds) and returns the
     * share of a core the thread got meanwhile.
     */
    double warmUp(long millis) throws InterruptedException {
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        setWorking(true);
        Thread.sleep(millis);
        stopWork();
        return (double) (cpuNanos() - cpu) / (System.nanoTime() - wall);
    }

    /**
     * Works until the thread has spent {@code cpuNanos} of CPU time or {@code deadline}
     * (System.nanoTime) has passed, whichever is first, then waits for its last stretch to end.
     * Returns the CPU time spent.
     */
    long workFor(long cpuNanos, long deadline) throws InterruptedException {
        long cpu = cpuNanos();
        setWorking(true);
        while (cpuNanos() - cpu < cpuNanos && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stopWork();
        return cpuNanos() - cpu;
    }

    /** Stops working and waits until the last stretch has ended. */
    void stopWork() throws InterruptedException {
        setWorking(false);
        while (!isIdle()) {
            Thread.sleep(1);
        }
    }

    /** Works while true, idles (parked, using no CPU) while false. */
    private void setWorking(boolean working) {
        this.working = working;
    }

    /** True once the thread has finished its last stretch after {@link #setWorking}(false). */
    private boolean isIdle() {
        return idle && !working;
    }

    /** One round of work: a stretch of each kind the workload knows, of random CPU time. */
    abstract void round();

    @Override
    public final void run() {
        while (!stopped) {
            if (!working) {
                idle = true;
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            idle = false;
            if (!working) { // re-read after saying busy, so isIdle() cannot miss a stretch
                continue;
            }
            round();
        }
    }
}
