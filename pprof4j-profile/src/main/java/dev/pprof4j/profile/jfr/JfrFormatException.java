package dev.pprof4j.profile.jfr;

import java.io.IOException;

/** A JFR chunk that cannot be read: cut short, or holding values no writer would write. */
public final class JfrFormatException extends IOException {
    public JfrFormatException(String message) {
        super(message);
    }
}
