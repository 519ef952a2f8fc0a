package dev.pprof4j.report.leaks;

import dev.pprof4j.report.leaks.detect.LeakCriteria;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a series of snapshots at a fixed interval and hands them to the detector: Go's
 * h1, load, h2, h3 routine, run by the machine.
 */
public final class LeakHunt {
    /** Told after each snapshot and while waiting for the next one. */
    public interface Progress {
        void taken(int taken, int rounds, Snapshot latest);

        void waiting(int taken, int rounds, Duration remaining);
    }

    private final SnapshotSource source;
    private final int rounds;
    private final Duration interval;

    public LeakHunt(SnapshotSource source, int rounds, Duration interval) {
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
    }

    /** Takes every snapshot, keeping the interval between their starts. */
    public List<Snapshot> snapshots(Progress progress) throws IOException, InterruptedException {
        List<Snapshot> out = new ArrayList<>(rounds);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            long due = start + interval.toNanos() * i;
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                progress.waiting(i, rounds, Duration.ofNanos(left));
                Thread.sleep(Math.min(250, Math.max(1, left / 1_000_000)));
            }
            Snapshot s = source.take();
            out.add(s);
            progress.taken(i + 1, rounds, s);
        }
        return out;
    }
}
