package dev.pprof4j.runtime.collect.cpu;

import java.util.concurrent.locks.LockSupport;

/**
 * A truth workload's thread: while {@link #setWorking} is true it works one round of stretches
 * after another ({@link #round}), while false it parks, using no CPU, so a test can tell when
 * the last stretch of a profile's window has ended ({@link #isIdle}).
 */
abstract class StretchWorker implements Runnable {
    private volatile boolean stopped;
    private volatile boolean working;
    private volatile boolean idle = true;

    void stop() {
        stopped = true;
    }

    /** Works while true, idles (parked, using no CPU) while false. */
    void setWorking(boolean working) {
        this.working = working;
    }

    /** True once the thread has finished its last stretch after {@link #setWorking}(false). */
    boolean isIdle() {
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
