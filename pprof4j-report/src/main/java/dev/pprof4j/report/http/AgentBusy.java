package dev.pprof4j.report.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's refusal of a request that would stop the application while its stop-the-world
 * budget ({@code stwbudget}, a share of the last 60 s) is spent: status 429 and one line that
 * ends in {@code "retry in N s"} (the runtime's {@code StopTheWorldBudget}). A caller that may
 * wait (the leak hunt's rounds) asks again after {@link #retryAfter}; any other caller treats it
 * as the failure it is, with the agent's line as its message.
 */
public final class AgentBusy extends IOException {
    /** The agent's status for a spent stop-the-world budget (Too Many Requests). */
    public static final int STATUS = 429;

    private static final Pattern RETRY_IN = Pattern.compile("retry in (\\d{1,6}) s\\b");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,6}");

    private final Duration retryAfter;

    private AgentBusy(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the agent said to wait before asking again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The refusal in an answer, if it is one: status 429 with a time to wait, from a standard
     * {@code Retry-After} header in seconds or else the body's "retry in N s". A 429 without a
     * time (some other server's rate limit) is no refusal to wait out.
     *
     * @param what the request, for the message (e.g. its redacted URL)
     * @param retryAfterHeader the {@code Retry-After} header, or null
     * @param reason the body's first line
     */
    public static Optional<AgentBusy> of(String what, int status, String retryAfterHeader, String reason) {
        if (status != STATUS) {
            return Optional.empty();
        }
        String seconds = null;
        if (retryAfterHeader != null && SECONDS.matcher(retryAfterHeader.strip()).matches()) {
            seconds = retryAfterHeader.strip();
        } else if (reason != null) {
            Matcher m = RETRY_IN.matcher(reason);
            seconds = m.find() ? m.group(1) : null;
        }
        if (seconds == null) {
            return Optional.empty();
        }
        return Optional.of(new AgentBusy(what + " answered " + status + ": " + reason,
                Duration.ofSeconds(Long.parseLong(seconds))));
    }
}
