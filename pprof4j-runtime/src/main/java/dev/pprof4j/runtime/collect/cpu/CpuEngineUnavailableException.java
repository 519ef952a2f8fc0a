package dev.pprof4j.runtime.collect.cpu;

/**
 * A CPU engine cannot serve in this process. The message says why in words fit for the
 * profile's comment and the index page ("async-profiler: the application ships its own
 * copy (…); pprof4j will not load a second one").
 */
public final class CpuEngineUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public CpuEngineUnavailableException(String reason) {
        super(reason);
    }

    public CpuEngineUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
