package dev.pprof4j.junit;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One option of {@link ThreadLeaks#verifyNone} and {@link ThreadLeaks#find}, in the manner of
 * goleak's {@code IgnoreTopFunction}/{@code IgnoreCurrent}: each constructor checks its
 * argument at once and says what it expected.
 */
public final class ThreadLeakOption {
    /** goleak's default retry budget is about the same. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

    private final String description;
    private final Predicate<LiveThread> ignore;
    private final Duration grace;
    private final ThreadStartLog creationLog;

    private ThreadLeakOption(String description, Predicate<LiveThread> ignore, Duration grace,
            ThreadStartLog creationLog) {
        this.description = description;
        this.ignore = ignore;
        this.grace = grace;
        this.creationLog = creationLog;
    }

    /** Ignores threads whose whole name matches {@code regex}, e.g. {@code "grpc-default-worker-.*"}. */
    public static ThreadLeakOption ignoreThreadName(String regex) {
        Objects.requireNonNull(regex, "regex");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("ignoreThreadName(\"" + regex + "\"): not a regular expression: "
                    + e.getDescription(), e);
        }
        return ignoring("ignoreThreadName(\"" + regex + "\")", t -> pattern.matcher(t.name()).matches());
    }

    /**
     * Ignores threads whose innermost frame is {@code function}, a qualified method name such
     * as {@code "java.lang.Thread.sleep"} (goleak's IgnoreTopFunction).
     */
    public static ThreadLeakOption ignoreTopFunction(String function) {
        Objects.requireNonNull(function, "function");
        int dot = function.lastIndexOf('.');
        if (dot <= 0 || dot == function.length() - 1 || function.contains("(") || function.contains(" ")) {
            throw new IllegalArgumentException("ignoreTopFunction(\"" + function
                    + "\"): expected a qualified method name like java.lang.Thread.sleep");
        }
        return ignoring("ignoreTopFunction(\"" + function + "\")", t -> t.topFunction().equals(function));
    }

    /** Ignores every thread alive now (goleak's IgnoreCurrent); the JUnit extension's default. */
    public static ThreadLeakOption ignoreCurrent() {
        return ignoreThreads(new LiveThreads().snapshot());
    }

    /** Ignores the given threads, e.g. a baseline taken earlier. */
    static ThreadLeakOption ignoreThreads(List<LiveThread> threads) {
        Set<Long> ids = new HashSet<>();
        threads.forEach(t -> ids.add(t.id()));
        return ignoring("ignoreCurrent()", t -> ids.contains(t.id()));
    }

    /**
     * How long {@link ThreadLeaks#verifyNone} keeps looking (with a capped backoff) for leaked
     * threads to end before it fails; default 2 s. Threads that end on their own shortly
     * after a test, such as an executor just shut down, are not leaks.
     */
    public static ThreadLeakOption maxGrace(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            // in milliseconds, as @NoThreadLeaks(graceMillis) gives it: not Duration's PT-0.001S
            throw new IllegalArgumentException("maxGrace(" + grace.toMillis() + "ms): a grace period cannot be negative;"
                    + " use 0 to look once");
        }
        return new ThreadLeakOption("maxGrace(" + grace + ")", null, grace, null);
    }

    /** Names each leaked thread's creator in the report, from a log started before the threads. */
    public static ThreadLeakOption creationSites(ThreadStartLog log) {
        Objects.requireNonNull(log, "log");
        return new ThreadLeakOption("creationSites(...)", null, null, log);
    }

    private static ThreadLeakOption ignoring(String description, Predicate<LiveThread> ignore) {
        return new ThreadLeakOption(description, ignore, null, null);
    }

    Predicate<LiveThread> ignore() {
        return ignore;
    }

    Duration grace() {
        return grace;
    }

    ThreadStartLog creationLog() {
        return creationLog;
    }

    @Override
    public String toString() {
        return description;
    }
}
