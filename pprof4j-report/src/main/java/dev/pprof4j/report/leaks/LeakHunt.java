package dev.pprof4j.report.leaks;

import dev.pprof4j.report.leaks.detect.LeakCriteria;
import dev.pprof4j.report.http.AgentBusy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a series of snapshots at a fixed interval and hands them to the detector: Go's
 * h1, load, h2, h3 routine, run by the machine.
 */
public final class LeakHunt {
    /** Told after each snapshot and while waiting for the next one. */
    public interface Progress {
        void taken(int taken, int rounds, Snapshot latest);

        void waiting(int taken, int rounds, Duration remaining);

        /** The agent refused the round (its stop-the-world budget is spent); the hunt waits {@code wait} and asks again. */
        default void agentBusy(Duration wait) {
        }
    }

    private final SnapshotSource source;
    private final int rounds;
    private final Duration interval;
    private final BusyWait busy;

    /** A hunt that ends at the agent's first refusal ({@link BusyWait#NO_WAITING}). */
    public LeakHunt(SnapshotSource source, int rounds, Duration interval) {
        this(source, rounds, interval, new BusyWait(BusyWait.NO_WAITING));
    }

    /** A hunt that waits out the agent's refusals as {@code busy} allows. */
    public LeakHunt(SnapshotSource source, int rounds, Duration interval, BusyWait busy) {
        if (rounds < LeakCriteria.MIN_SNAPSHOTS) {
            throw new IllegalArgumentException("--rounds must be at least " + LeakCriteria.MIN_SNAPSHOTS
                    + " (growth in every round needs two rounds after the warm-up one); got " + rounds);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be positive; got " + interval);
        }
        this.source = source;
        this.rounds = rounds;
        this.interval = interval;
        this.busy = busy;
    }

    /**
     * Takes every snapshot, keeping the interval between their starts. A round the agent
     * refuses is taken again after the wait it asks for, if {@link BusyWait} allows, and the
     * rounds after it move by that wait: back-to-back rounds would spend the agent's budget again.
     *
     * @throws AgentBusy when the agent still refuses and the hunt may wait no longer
     */
    public List<Snapshot> snapshots(Progress progress) throws IOException, InterruptedException {
        List<Snapshot> out = new ArrayList<>(rounds);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            long due = start + interval.toNanos() * i;
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                progress.waiting(i, rounds, Duration.ofNanos(left));
                Thread.sleep(Math.min(250, Math.max(1, left / 1_000_000)));
            }
            Snapshot s;
            try {
                s = source.take();
            } catch (AgentBusy refusal) {
                Optional<Duration> wait = busy.admit(refusal);
                if (wait.isEmpty()) {
                    throw refusal;
                }
                progress.agentBusy(wait.get());
                Thread.sleep(wait.get().toMillis());
                start += wait.get().toNanos();
                i--;
                continue;
            }
            out.add(s);
            progress.taken(i + 1, rounds, s);
        }
        return out;
    }
}
