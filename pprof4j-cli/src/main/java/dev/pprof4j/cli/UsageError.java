package dev.pprof4j.cli;

/** A command line the report mode cannot read: the CLI prints it in one line and exits 2. */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }

    UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
