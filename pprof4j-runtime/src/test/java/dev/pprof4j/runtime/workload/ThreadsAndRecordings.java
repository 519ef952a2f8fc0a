package dev.pprof4j.runtime.workload;

import java.util.TreeSet;

/**
 * Prints, after {@code args[0]} milliseconds, what an agent may have left running in it: the
 * names of threads whose names start with pprof4j, JFR or async (one line,
 * {@code agent threads: [...]}), and the JFR recordings ({@code recordings: N}), then exits.
 */
public final class ThreadsAndRecordings {
    public static void main(String[] args) throws Exception {
        Thread.sleep(Long.parseLong(args[0]));
        TreeSet<String> names = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith("pprof4j") || name.startsWith("JFR") || name.toLowerCase().startsWith("async")) {
                names.add(name);
            }
        }
        System.out.println("agent threads: " + names);
        // asked first: getFlightRecorder() below starts JFR itself
        boolean started = jdk.jfr.FlightRecorder.isInitialized();
        System.out.println("recordings: " + jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().size()
                + " (" + (started ? "JFR initialized" : "JFR never started") + ")");
    }
}
