package dev.pprof4j.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress line on stderr while a server takes a profile: updated in place each second
 * on a terminal, a plain line every ten seconds otherwise (logs stay readable).
 */
final class Countdown {
    private final Thread thread;

    private Countdown(Thread thread) {
        this.thread = thread;
    }

    static Countdown start(PrintStream err, Duration duration, String url) {
        boolean tty = System.console() != null;
        long start = System.nanoTime();
        long total = duration.toSeconds();
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                    String line = "Fetching profile over HTTP from " + url + " ... " + elapsed + "s/" + total + "s";
                    if (tty) {
                        err.print("\r" + line);
                        err.flush();
                    } else if (elapsed % 10 == 0) {
                        err.println(line);
                    }
                }
            } catch (InterruptedException e) {
                // stopped: the response arrived
            }
            if (tty) {
                err.print("\r\033[K");
                err.flush();
            }
        }, "pprof4j-countdown");
        t.setDaemon(true);
        t.start();
        return new Countdown(t);
    }

    void stop() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
