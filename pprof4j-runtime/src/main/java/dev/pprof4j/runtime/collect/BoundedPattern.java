package dev.pprof4j.runtime.collect;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A user's regular expression matched under a deadline. {@link java.util.regex} backtracks:
 * {@code (.*.*.*)*===} against a 60-character frame runs for longer than the universe, and
 * it cannot be interrupted. It reads its input only through {@link CharSequence#charAt}, so
 * the input is wrapped in a sequence whose {@code charAt} checks the clock every few thousand
 * reads and ends the match with {@link TimeoutException}; the thread is free again within
 * microseconds of the deadline. The same check asks whether the one who wanted the answer is
 * still waiting for it, and ends the match as soon as nobody is.
 */
public final class BoundedPattern {
    private final Pattern pattern;
    private final long deadlineNanos;
    private final Duration limit;
    private final BooleanSupplier abandoned;

    /** Thrown from {@link #find} when the time allowed for all matches has passed. */
    public static final class TimeoutException extends RuntimeException {
        TimeoutException(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code pattern} may take {@code limit} for all the matches made through this instance. */
    public BoundedPattern(Pattern pattern, Duration limit) {
        this(pattern, limit, () -> false);
    }

    /**
     * As {@link #BoundedPattern(Pattern, Duration)}, and matching ends early once
     * {@code abandoned} says so (asked every few thousand characters read: keep it cheap).
     */
    public BoundedPattern(Pattern pattern, Duration limit, BooleanSupplier abandoned) {
        this.pattern = pattern;
        this.limit = limit;
        this.abandoned = abandoned;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    public Pattern pattern() {
        return pattern;
    }

    /**
     * {@link java.util.regex.Matcher#find()} on {@code text}.
     *
     * @throws TimeoutException when the deadline passes, before or during this match
     */
    public boolean find(String text) {
        return pattern.matcher(new Deadlined(text)).find();
    }

    private void check() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new TimeoutException("the regular expression '" + pattern.pattern() + "' took longer than "
                    + limit.toMillis() + " ms to match; simplify it (nested repetition such as (a*)* backtracks"
                    + " without end)");
        }
        if (abandoned.getAsBoolean()) {
            throw new TimeoutException("the regular expression '" + pattern.pattern() + "' was abandoned: its"
                    + " client went away before it matched");
        }
    }

    /** The text, with the deadline checked every 4096 reads (a read is a few nanoseconds). */
    private final class Deadlined implements CharSequence {
        private final String text;
        private int reads;

        Deadlined(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 4095) == 0) {
                check();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadlined(text.substring(start, end));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
