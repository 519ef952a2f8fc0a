package dev.pprof4j.runtime.collect.contention;

import dev.pprof4j.runtime.collect.DiagnosticCommands;

/** HotSpot's unified logging on standard output, set with the {@code VM.log} diagnostic command. */
final class JvmLog {
    private JvmLog() {
    }

    /** {@code VM.log what=<selection>} for standard output, e.g. {@code jni+resolve=off}; false when it could not. */
    static boolean set(DiagnosticCommands commands, String selection) {
        try {
            commands.execute("VM.log", "output=stdout", "what=" + selection);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
