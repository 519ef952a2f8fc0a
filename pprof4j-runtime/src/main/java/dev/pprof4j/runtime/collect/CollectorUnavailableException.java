package dev.pprof4j.runtime.collect;

/**
 * A collector cannot serve in this JVM (no JFR in the image, a native engine that did not
 * load, a profile already in progress); the HTTP layer answers 503 with the message, and the
 * application runs on.
 */
public class CollectorUnavailableException extends Exception {
    public CollectorUnavailableException(String message) {
        super(message);
    }

    public CollectorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
