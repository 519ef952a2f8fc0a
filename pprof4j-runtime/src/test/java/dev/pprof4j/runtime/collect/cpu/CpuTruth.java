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

    /** CPU nanoseconds of {@code method} while working in loop {@code loop}. */
    double cpu(int method, int loop) {
        double sum = 0;
        for (long[] s : stretches) {
            if (s[2] == method && s[3] == loop) {
                sum += s[4];
            }
        }
        return sum;
    }

    /** How many stretches of {@code method} worked in loop {@code loop}. */
    int stretches(int method, int loop) {
        int n = 0;
        for (long[] s : stretches) {
            if (s[2] == method && s[3] == loop) {
                n++;
            }
        }
        return n;
    }
}
