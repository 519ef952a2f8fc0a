package dev.pprof4j.report.gate;

import java.io.IOException;

/** An input the gate cannot compare: unreadable, malformed, or not comparable with the other. */
public final class GateInputException extends IOException {
    public GateInputException(String message) {
        super(message);
    }

    public GateInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
