package dev.pprof4j.runtime.collect.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What reading one push window's CPU slice costs the push thread, by reader: the JDK's parser
 * (JfrStackSamples.read) and pprof4j's own (readAsyncProfiler), each to a finished profile.
 * Run by read-cost.sh; it sits in the collector's package to call them as the engine does.
 * Prints the median thread CPU and allocation of each over the rounds after a warm-up.
 */
public final class JfrReadCost {
    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<String> types = List.of(JfrStackSamples.EXECUTION_SAMPLE);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
        long id = Thread.currentThread().getId();
        long[][] cpu = new long[2][rounds];
        long[][] bytes = new long[2][rounds];
        int samples = 0;
        for (int warm = 0; warm < 2; warm++) {
            for (int r = 0; r < rounds; r++) {
                for (int reader = 0; reader < 2; reader++) {
                    long c = threads.getCurrentThreadCpuTime();
                    long b = allocations.getThreadAllocatedBytes(id);
                    JfrStackSamples read = reader == 0
                            ? JfrStackSamples.read(recording, CpuMode.CPU, 10_000_000, types)
                            : JfrStackSamples.readAsyncProfiler(recording, CpuMode.CPU, 10_000_000, types);
                    samples = read.profile().samples.size();
                    cpu[reader][r] = threads.getCurrentThreadCpuTime() - c;
                    bytes[reader][r] = allocations.getThreadAllocatedBytes(id) - b;
                }
            }
        }
        System.out.printf("%s: %d distinct stack samples; medians of %d reads after as many to warm up%n", recording,
                samples, rounds);
        System.out.printf("%-18s %12s %12s%n", "reader", "cpu_ms", "alloc_mb");
        String[] names = {"jdk-parser", "pprof4j-reader"};
        for (int reader = 0; reader < 2; reader++) {
            System.out.printf("%-18s %12.2f %12.2f%n", names[reader], median(cpu[reader]) / 1e6, median(bytes[reader]) / 1e6);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
