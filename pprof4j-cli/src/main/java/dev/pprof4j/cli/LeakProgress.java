package dev.pprof4j.cli;

import dev.pprof4j.report.leaks.LeakHunt;
import dev.pprof4j.report.leaks.Measure;
import dev.pprof4j.report.leaks.Snapshot;
import dev.pprof4j.report.leaks.Usage;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The live progress line of a leak hunt on stderr: rewritten in place on a terminal, one
 * line per snapshot otherwise (so logs and CI output stay readable).
 */
final class LeakProgress implements LeakHunt.Progress {
    private final PrintWriter err;
    private final boolean tty;
    private String last = "";
    private long lastSecond = -1;

    LeakProgress(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override
    public void taken(int taken, int rounds, Snapshot latest) {
        StringBuilder line = new StringBuilder("pprof4j leaks: snapshot ").append(taken).append('/').append(rounds);
        if (latest.has(Measure.THREADS)) {
            line.append(": ").append(latest.threadCount()).append(" threads");
        }
        if (latest.has(Measure.HEAP_BY_CLASS)) {
            long bytes = latest.heapByClass().values().stream().mapToLong(Usage::bytes).sum();
            line.append(latest.has(Measure.THREADS) ? ", " : ": ").append(bytes >> 20).append(" MiB live heap");
        }
        last = line.toString();
        lastSecond = -1;
        if (tty) {
            show(last + (taken == rounds ? "\n" : ""));
        } else {
            err.println(last);
            err.flush();
        }
    }

    @Override
    public void waiting(int taken, int rounds, Duration remaining) {
        long second = (remaining.toMillis() + 999) / 1000;
        if (!tty || second == lastSecond) {
            return;
        }
        lastSecond = second;
        show((last.isEmpty() ? "pprof4j leaks: starting" : last) + "; next snapshot in " + second + "s");
    }

    @Override
    public void agentBusy(Duration wait) {
        // Its own line, also on a terminal: the wait is worth keeping in view.
        err.println((tty ? "\r\033[K" : "") + "pprof4j leaks: agent busy (stop-the-world budget), waiting "
                + wait.toSeconds() + " s");
        err.flush();
        lastSecond = -1;
    }

    private void show(String line) {
        err.print("\r\033[K" + line);
        err.flush();
    }
}
