package dev.pprof4j.runtime.workload;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Says whether the platform MBean server exists once the agent has started (before anything
 * here creates it), waits until JFR has started (the agent's event stream starts it), at most
 * {@code args[0]} milliseconds, then prints JFR's memory settings as {@code JFR.configure}
 * reports them, and exits.
 */
public final class JfrSettings {
    public static void main(String[] args) throws Exception {
        // The platform server is the first one MBeanServerFactory creates; nothing else here makes one.
        System.out.println("MBean servers at start: " + MBeanServerFactory.findMBeanServer(null).size());
        long deadline = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000;
        while (!jdk.jfr.FlightRecorder.isInitialized() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        System.out.println("JFR initialized: " + jdk.jfr.FlightRecorder.isInitialized());
        System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrConfigure",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }
}
