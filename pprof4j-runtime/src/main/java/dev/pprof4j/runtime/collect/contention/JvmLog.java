package dev.pprof4j.runtime.collect.contention;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** HotSpot's unified logging on standard output, set through the DiagnosticCommand MBean ({@code VM.log}). */
final class JvmLog {
    private JvmLog() {
    }

    /** {@code VM.log what=<selection>} for standard output, e.g. {@code jni+resolve=off}; false when it could not. */
    static boolean set(String selection) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmLog",
                    new Object[] {new String[] {"output=stdout", "what=" + selection}},
                    new String[] {String[].class.getName()});
            return true;
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }
}
