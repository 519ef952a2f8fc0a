package dev.pprof4j.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushPhasesTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static volatile long sink;

    @Test
    void chargesEachLapToItsPhaseInTheWindowsOrder() {
        PushPhases phases = new PushPhases();
        assertEquals(List.of("process_cpu", "memory", "block", "mutex", "goroutine", "addresses", "encode", "gzip",
                "request", "send"), List.copyOf(phases.nanos().keySet()));
        long before = THREADS.getCurrentThreadCpuTime();
        phases.start();
        burn(5_000_000);
        phases.lap(PushPhases.GZIP);
        phases.lap(PushPhases.MUTEX); // nothing between laps: (almost) nothing charged
        burn(2_000_000);
        phases.lap(PushPhases.GZIP);
        long spent = THREADS.getCurrentThreadCpuTime() - before;

        Map<String, Long> nanos = phases.nanos();
        assertTrue(nanos.get("gzip") >= 7_000_000, "7 ms burnt in two gzip laps, charged " + nanos);
        assertTrue(nanos.get("mutex") < nanos.get("gzip"), nanos.toString());
        long charged = nanos.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(charged <= spent, "charged " + charged + " ns of " + spent + " ns the thread spent: " + nanos);
        assertEquals(0L, nanos.get("process_cpu"), nanos.toString());
    }

    /** Spends at least {@code nanos} of this thread's CPU, however fast or loaded the machine is. */
    private static void burn(long nanos) {
        long until = THREADS.getCurrentThreadCpuTime() + nanos;
        long x = 1;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1;
            }
        }
        sink = x;
    }
}
