package dev.pprof4j.cli;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * What is left of the wait while a server takes a profile, on stderr under go tool pprof's
 * {@code Please wait... (30s)}: on a terminal one line rewritten each second
 * ({@code Please wait... 29s left}) and erased when the response comes; otherwise plain lines,
 * about six per wait, one every wait/6 seconds but never more than ten seconds apart, so that
 * logs stay readable and a long wait still shows it is alive. Once the
 * duration is over, the line says how long it has been.
 *
 * <p>Tick {@code k} is printed {@code k} seconds after the start and shows {@code duration - k}:
 * a tick that wakes up late prints late, it does not skip or repeat a number.
 */
final class Countdown {
    private static final long TICK_NANOS = 1_000_000_000L;
    private static final long MAX_LINE_EVERY = 10;

    private final Thread thread;

    private Countdown(Thread thread) {
        this.thread = thread;
    }

    /** Starts counting down {@code duration} on {@code err}; {@link #stop()} when the response arrived. */
    static Countdown start(PrintStream err, Duration duration, boolean terminal) {
        long total = duration.toSeconds();
        long lineEvery = Math.max(1, Math.min(MAX_LINE_EVERY, total / 6));
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                for (long k = 1; ; k++) {
                    long wait = start + k * TICK_NANOS - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    if (terminal) {
                        err.print("\r" + line(k, total) + "\033[K");
                        err.flush();
                    } else if (k % lineEvery == 0) {
                        err.println(line(k, total));
                    }
                }
            } catch (InterruptedException e) {
                // stopped: the response arrived
            }
            if (terminal) {
                err.print("\r\033[K");
                err.flush();
            }
        }, "pprof4j-countdown");
        t.setDaemon(true);
        t.start();
        return new Countdown(t);
    }

    private static String line(long elapsed, long total) {
        return elapsed < total ? "Please wait... " + (total - elapsed) + "s left"
                : "Please wait... " + elapsed + "s, waiting for the server to send the " + total + "s profile";
    }

    /** Stops the countdown and waits until its line is erased. */
    void stop() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the user watches a terminal. Before JDK 22 {@link System#console()} is null when
     * the streams are redirected; from 22 it returns a console anyway and
     * {@code Console.isTerminal()} (absent from our JDK 17 baseline, hence reflection) tells.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
