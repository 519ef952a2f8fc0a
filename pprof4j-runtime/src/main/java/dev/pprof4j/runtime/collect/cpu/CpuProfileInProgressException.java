package dev.pprof4j.runtime.collect.cpu;

/**
 * A CPU profile is already being taken. Like Go ("cpu profiling already in use"), a second
 * one is refused at once rather than queued: the sampler is one per process.
 */
public final class CpuProfileInProgressException extends Exception {
    private static final long serialVersionUID = 1L;

    public CpuProfileInProgressException(String message) {
        super(message);
    }
}
