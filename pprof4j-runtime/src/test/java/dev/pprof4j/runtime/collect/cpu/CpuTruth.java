package dev.pprof4j.runtime.collect.cpu;

import java.util.ArrayList;
import java.util.List;

/** What {@link CpuTruthMain} measured: the CPU time of every stretch of work inside the profile. */
final class CpuTruth {
    private final List<long[]> stretches = new ArrayList<>();

    static CpuTruth parse(String childOutput) {
        CpuTruth truth = new CpuTruth();
        boolean window = false;
        for (String line : childOutput.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("window")) {
                window = true;
            } else if (f[0].equals("stretch")) {
                long[] s = new long[5];
                for (int i = 0; i < 5; i++) {
                    s[i] = Long.parseLong(f[i + 1]);
                }
                truth.stretches.add(s);
            }
        }
        if (!window || truth.stretches.isEmpty()) {
            throw new AssertionError("the child printed no window or no work:\n" + childOutput);
        }
        return truth;
    }

    /** CPU nanoseconds of {@code method} ({@link CpuTruthWorkload#ALPHA} or BETA). */
    double methodCpu(int method) {
        return cpu(2, method);
    }

    /** CPU nanoseconds of loop {@code loop} (index into {@link CpuTruthWorkload#LOOPS}). */
    double loopCpu(int loop) {
        return cpu(3, loop);
    }

    private double cpu(int field, int value) {
        double sum = 0;
        for (long[] s : stretches) {
            if (s[field] == value) {
                sum += s[4];
            }
        }
        return sum;
    }
}
