package dev.pprof4j.runtime.http;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * How much of the host's time the agent's clients may keep it stopped: at most
 * a share of the wall clock (5 % unless {@code stwbudget} says otherwise) over the last {@link #WINDOW_NANOS}, whoever asks. Requests
 * that stop the world — {@code gc=1}, the class histogram of {@code heap?debug=1}, the
 * one-safepoint dump of {@code goroutine?debug=2}, a retainers heap walk — are refused with
 * 429 and a one-line reason while the window's budget is spent, and are charged the time they
 * ran, less the time they waited for their client to read (which stops nothing). A heap walk's
 * own bound ({@code max_ms}) is cut to what is left.
 */
final class StopTheWorldBudget {
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final double share;
    private final long budgetNanos;

    /** @param share of wall time, e.g. 0.05 (the {@code stwbudget} option) */
    StopTheWorldBudget(double share) {
        this.share = share;
        this.budgetNanos = (long) (share * WINDOW_NANOS);
    }

    private record Charge(long atNanos, long nanos) {
    }

    private final ArrayDeque<Charge> charges = new ArrayDeque<>();
    private long spentNanos;

    /** Time left in the window, or 429 with the reason when none is. */
    synchronized long admit(String what) throws HttpError {
        long left = leftNanos(System.nanoTime());
        if (left <= 0) {
            long retry = retryAfterSeconds(System.nanoTime());
            throw new HttpError(429, what + " stops the application, and requests have kept it stopped "
                    + TimeUnit.NANOSECONDS.toMillis(spentNanos) + " ms of the last " + seconds(WINDOW_NANOS)
                    + " s (pprof4j allows " + Math.round(share * 100) + " %); retry in " + retry + " s");
        }
        return left;
    }

    synchronized void charge(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long now = System.nanoTime();
        charges.addLast(new Charge(now, nanos));
        spentNanos += nanos;
        leftNanos(now);
    }

    private long leftNanos(long now) {
        while (!charges.isEmpty() && now - charges.peekFirst().atNanos() > WINDOW_NANOS) {
            spentNanos -= charges.removeFirst().nanos();
        }
        return budgetNanos - spentNanos;
    }

    /** When enough charges age out of the window for the budget to have room again. */
    private long retryAfterSeconds(long now) {
        long over = spentNanos - budgetNanos;
        for (Charge charge : charges) {
            over -= charge.nanos();
            if (over < 0) {
                return Math.max(1, seconds(charge.atNanos() + WINDOW_NANOS - now));
            }
        }
        return seconds(WINDOW_NANOS);
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
