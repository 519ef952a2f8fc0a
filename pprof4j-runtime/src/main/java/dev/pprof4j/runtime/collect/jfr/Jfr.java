package dev.pprof4j.runtime.collect.jfr;

/** Whether JFR can be used in this JVM; checked without touching a JFR class when the module is absent. */
public final class Jfr {
    private Jfr() {
    }

    /** Null when JFR is usable; otherwise a one-line reason for a 503. */
    public static String unavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            return "JFR is not available: this Java runtime was built without the jdk.jfr module";
        }
        try {
            if (!jdk.jfr.FlightRecorder.isAvailable()) {
                return "JFR is not available in this JVM (disabled, or not supported on this platform)";
            }
        } catch (LinkageError | RuntimeException e) {
            return "JFR is not available: " + e;
        }
        return null;
    }
}
