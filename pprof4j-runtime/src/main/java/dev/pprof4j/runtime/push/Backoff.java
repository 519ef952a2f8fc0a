package dev.pprof4j.runtime.push;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter between failed sends: 1 s, 2 s, 4 s … up to
 * {@link #MAX}, each drawn uniformly from its upper half so that a fleet restarted together
 * does not retry in step. A server's {@code Retry-After} is honoured up to the cap. A success
 * resets it.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);

    private final RandomGenerator random;
    private int failures;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The wait after one more failure; {@code retryAfter} (may be null) is the server's wish. */
    Duration failed(Duration retryAfter) {
        failures++;
        long ceiling = Math.min(MAX.toMillis(), FIRST.toMillis() << Math.min(failures - 1, 16));
        long wait = ceiling / 2 + (long) (random.nextDouble() * (ceiling / 2.0));
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), MAX.toMillis()));
        }
        return Duration.ofMillis(wait);
    }

    void succeeded() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
