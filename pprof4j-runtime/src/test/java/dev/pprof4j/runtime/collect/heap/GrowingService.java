package dev.pprof4j.runtime.collect.heap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A service whose heap grows at one site between two profiles: it keeps 30 MB at
 * {@code steady} and churns garbage at {@code churn}, prints {@code ready 1}, and on each
 * {@code grow N} written to the control file keeps 100 MB more at {@code leak} ({@code ready N}). Uses no
 * pprof4j class: the agent does the profiling.
 */
public final class GrowingService {
    static final List<byte[]> STEADY = new ArrayList<>();
    static final List<byte[]> LEAKED = new ArrayList<>();
    static final Object[] SINK = new Object[1024];

    static void steady(SplittableRandom r) {
        STEADY.add(new byte[1024 * (1 + r.nextInt(16))]);
    }

    static void leak(SplittableRandom r) {
        LEAKED.add(new byte[1024 * (1 + r.nextInt(16))]);
    }

    static void churn(SplittableRandom r) {
        SINK[r.nextInt(SINK.length)] = new byte[1024 * (1 + r.nextInt(16))];
    }

    static long bytes(List<byte[]> list) {
        return list.stream().mapToLong(b -> b.length).sum();
    }

    public static void main(String[] args) throws Exception {
        SplittableRandom r = new SplittableRandom();
        while (bytes(STEADY) < 30_000_000L) {
            steady(r);
            churn(r);
        }
        System.out.println("ready 1");
        // The test steers through a file (a child's stdin is closed): "grow" or "exit".
        Path control = Path.of(args[0]);
        int round = 1;
        while (true) {
            String command = Files.exists(control) ? Files.readString(control).trim() : "";
            if (command.equals("grow " + (round + 1))) {
                long target = bytes(LEAKED) + 100_000_000L;
                while (bytes(LEAKED) < target) {
                    for (int i = 0; i < 64; i++) {
                        leak(r);
                        churn(r);
                    }
                }
                System.out.println("ready " + (++round));
            } else if (command.equals("exit")) {
                System.exit(0);
            }
            Thread.sleep(20);
        }
    }
}
