package dev.pprof4j.profile;

import java.io.IOException;

/** The input is not a well-formed profile; the message says where and why. */
public class ProfileFormatException extends IOException {
    public ProfileFormatException(String message) {
        super(message);
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
