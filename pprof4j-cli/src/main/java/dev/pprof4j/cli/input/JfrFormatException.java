package dev.pprof4j.cli.input;

/**
 * A JFR chunk that does not parse. Unchecked inside the reader, so the hot loops need no
 * throws clauses; {@link JfrRecordingReader} turns it into the caller's checked error.
 */
final class JfrFormatException extends RuntimeException {
    JfrFormatException(String message) {
        super(message);
    }
}
