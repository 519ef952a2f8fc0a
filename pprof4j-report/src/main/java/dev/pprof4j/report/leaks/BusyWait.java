package dev.pprof4j.report.leaks;

import dev.pprof4j.report.http.AgentBusy;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a live hunt waits out an agent that refused a round because its stop-the-world
 * budget is spent ({@link AgentBusy}), so that a hunt does not fail for a loaded host's sake:
 * it waits what the agent asks, as long as all its waits together stay within a cap. The
 * agent's budget covers the last 60 s, so no honest retry time exceeds 60 s; the default cap
 * allows two such waits, and a hunt that would need more says it could not measure.
 */
public final class BusyWait {
    /** Twice the agent's budget window. */
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(120);
    /** Never wait: the first refusal ends the hunt. */
    public static final Duration NO_WAITING = Duration.ZERO;

    private final Duration cap;
    private Duration waited = Duration.ZERO;

    /** @param cap how long all of one hunt's waits may take together */
    public BusyWait(Duration cap) {
        this.cap = cap;
    }

    /**
     * The wait to make before asking again, counted against the cap; empty when it would take
     * the hunt's waits past the cap.
     */
    public Optional<Duration> admit(AgentBusy refusal) {
        Duration wait = refusal.retryAfter();
        if (waited.plus(wait).compareTo(cap) > 0) {
            return Optional.empty();
        }
        waited = waited.plus(wait);
        return Optional.of(wait);
    }

    /** How long the admitted waits took together. */
    public Duration waited() {
        return waited;
    }
}
