package dev.pprof4j.runtime.collect.cpu;

import java.io.IOException;

/** A JFR chunk that cannot be read: cut short, or holding values no writer would write. */
final class JfrFormatException extends IOException {
    JfrFormatException(String message) {
        super(message);
    }
}
