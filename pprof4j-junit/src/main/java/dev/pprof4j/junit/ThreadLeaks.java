package dev.pprof4j.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * goleak for the JVM: finds threads that should not be alive, platform and virtual.
 *
 * <pre>{@code
 * ThreadLeakOption baseline = ThreadLeakOption.ignoreCurrent();
 * runCodeUnderTest();
 * ThreadLeaks.verifyNone(baseline, ThreadLeakOption.ignoreThreadName("my-daemon-.*"));
 * }</pre>
 *
 * The JVM's, JFR's and test runners' own threads are always ignored (see
 * {@link RuntimeThreads}); the JUnit extension {@link NoThreadLeaks} does the above around
 * every test.
 */
public final class ThreadLeaks {
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private ThreadLeaks() {
    }

    /**
     * Fails with a report grouped by stack and creation site when, after the grace period,
     * threads remain that no option ignores.
     */
    public static void verifyNone(ThreadLeakOption... options) {
        String report = check(new LiveThreads(), List.of(options));
        if (report != null) {
            throw new AssertionError(report);
        }
    }

    /** The unexpected threads alive now: one look, no waiting. */
    public static List<LiveThread> find(ThreadLeakOption... options) {
        for (ThreadLeakOption option : options) {
            if (option.grace() != null || option.creationLog() != null) {
                throw new IllegalArgumentException(option + " does not apply to find(), which looks once and"
                        + " returns the threads; pass it to verifyNone()");
            }
        }
        return unexpected(new LiveThreads().snapshot(), ignoring(List.of(options)));
    }

    /** The report of the threads still unexpected after the grace period, or null when there are none. */
    static String check(LiveThreads liveThreads, List<ThreadLeakOption> options) {
        Predicate<LiveThread> ignore = ignoring(options);
        Duration grace = ThreadLeakOption.DEFAULT_GRACE;
        ThreadStartLog log = null;
        for (ThreadLeakOption option : options) {
            grace = option.grace() != null ? option.grace() : grace;
            log = option.creationLog() != null ? option.creationLog() : log;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        long backoff = FIRST_BACKOFF_NANOS;
        List<LiveThread> leaked;
        while (true) {
            leaked = unexpected(liveThreads.snapshot(), ignore);
            long left = deadline - System.nanoTime();
            if (leaked.isEmpty() || left <= 0) {
                break;
            }
            sleep(Math.min(backoff, left));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
        if (leaked.isEmpty()) {
            return null;
        }
        Map<Long, CreationSite> sites = Map.of();
        String sitesUnknown = "threads started before recording";
        if (log == null) {
            sitesUnknown = "no ThreadStartLog given";
        } else if (log.unavailableReason() != null) {
            sitesUnknown = log.unavailableReason();
        } else {
            Set<Long> ids = new HashSet<>();
            leaked.forEach(t -> ids.add(t.id()));
            sites = log.creationSites(ids);
        }
        return LeakReport.format(leaked, sites, sitesUnknown, grace, liveThreads.seesVirtualThreads());
    }

    private static List<LiveThread> unexpected(List<LiveThread> threads, Predicate<LiveThread> ignore) {
        long self = Thread.currentThread().getId();
        List<LiveThread> unexpected = new ArrayList<>();
        for (LiveThread thread : threads) {
            if (thread.id() != self && !RuntimeThreads.isRuntimeThread(thread) && !ignore.test(thread)) {
                unexpected.add(thread);
            }
        }
        return unexpected;
    }

    private static Predicate<LiveThread> ignoring(List<ThreadLeakOption> options) {
        Predicate<LiveThread> ignore = t -> false;
        for (ThreadLeakOption option : options) {
            if (option.ignore() != null) {
                ignore = ignore.or(option.ignore());
            }
        }
        return ignore;
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for threads to end", e);
        }
    }
}
