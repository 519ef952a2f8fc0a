package dev.pprof4j.profile;

/**
 * Profiles that cannot be combined (merged, subtracted) because they measure different
 * things: their sample types or period types differ. A {@link ProfileFormatException}, so
 * that a command line reports it the same way, as one line.
 */
public class IncompatibleProfilesException extends ProfileFormatException {
    public IncompatibleProfilesException(String message) {
        super(message);
    }
}
