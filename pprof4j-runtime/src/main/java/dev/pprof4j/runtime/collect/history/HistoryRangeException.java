package dev.pprof4j.runtime.collect.history;

/** A request for more history than the agent holds (or for history that is off); a 400. */
public final class HistoryRangeException extends Exception {
    public HistoryRangeException(String message) {
        super(message, null, false, false);
    }
}
