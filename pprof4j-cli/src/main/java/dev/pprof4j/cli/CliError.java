package dev.pprof4j.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * A failure the user can act on; its message is the whole line printed after
 * {@code pprof4j: }, so it names the source and says what to do.
 */
public final class CliError extends RuntimeException {
    public CliError(String message) {
        super(message);
    }

    public CliError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The one line for any failure: our own messages as they are, others with their kind. */
    static String describe(Throwable e) {
        if (e instanceof CliError || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return e.getMessage() + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        if (e instanceof IOException) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        String msg = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "internal error: " + e.getClass().getName() + msg + " (run with -v for the stack trace)";
    }
}
