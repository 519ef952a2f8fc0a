package dev.pprof4j.runtime.push;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The push thread's CPU by phase, summed since the pusher started, for {@code /debug/vars}
 * ({@code push.CpuNs.process_cpu}, …): what a push costs is this thread's CPU, and a user who
 * finds it too high wants to know which kind or step takes it. Each {@link #lap} charges the
 * thread's CPU since the previous lap to one phase; reading the thread's CPU clock costs well
 * under a microsecond, about a dozen times a window. Written by the push thread, read by
 * {@code /debug/vars}.
 */
final class PushPhases {
    /** The phases in the order a window goes through them. */
    static final String CPU = "process_cpu";
    static final String MEMORY = "memory";
    static final String BLOCK = "block";
    static final String MUTEX = "mutex";
    static final String GOROUTINE = "goroutine";
    /** Laying out every kind's profile by the process's frame addresses. */
    static final String ADDRESSES = "addresses";
    /** Trimming to Pyroscope's limits and writing the pprof protobuf of every kind. */
    static final String ENCODE = "encode";
    static final String GZIP = "gzip";
    /** The Push request around the gzipped profiles, or {@code /ingest}'s bodies. */
    static final String REQUEST = "request";
    /** Sending, waiting for the answer included (the thread's CPU only). */
    static final String SEND = "send";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean measured = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last;

    PushPhases() {
        for (String phase : new String[] {CPU, MEMORY, BLOCK, MUTEX, GOROUTINE, ADDRESSES, ENCODE, GZIP, REQUEST, SEND}) {
            nanos.put(phase, 0L);
        }
    }

    /** Starts counting on the calling thread: the next lap is charged from here. */
    void start() {
        last = measured ? threads.getCurrentThreadCpuTime() : 0;
    }

    /** Charges the calling thread's CPU since the last lap (or start) to {@code phase}. */
    void lap(String phase) {
        if (!measured) {
            return;
        }
        long now = threads.getCurrentThreadCpuTime();
        synchronized (this) {
            nanos.merge(phase, now - last, Long::sum);
        }
        last = now;
    }

    /** CPU nanoseconds by phase since the pusher started; empty where the JVM cannot measure a thread's CPU. */
    synchronized Map<String, Long> nanos() {
        return measured ? new LinkedHashMap<>(nanos) : Map.of();
    }
}
