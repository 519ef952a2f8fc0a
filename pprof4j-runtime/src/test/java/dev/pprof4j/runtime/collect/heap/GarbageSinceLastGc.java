package dev.pprof4j.runtime.collect.heap;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A service that, on {@code hold} in the control file (once the agent samples), keeps 40 MB at
 * {@code held}, collects, prints {@code ready 1}; on {@code churn}
 * in the control file keeps 40 MB more at {@code fresh} while throwing 200 MB away at
 * {@code garbage} (one object reachable at a time), and prints {@code ready 2} with how many
 * collections ran during that phase. Sizes are drawn at random, so what a site holds is only
 * known from the lists themselves ({@code held=} and {@code fresh=} bytes are printed).
 * Uses no pprof4j class.
 */
public final class GarbageSinceLastGc {
    static final List<byte[]> HELD = new ArrayList<>();
    static final List<byte[]> FRESH = new ArrayList<>();
    static volatile byte[] lastGarbage;

    static void held(SplittableRandom r) {
        HELD.add(new byte[1024 * (1 + r.nextInt(16))]);
    }

    static void fresh(SplittableRandom r) {
        FRESH.add(new byte[1024 * (1 + r.nextInt(16))]);
    }

    static void garbage(SplittableRandom r) {
        lastGarbage = new byte[1024 * (1 + r.nextInt(16))];
    }

    static long bytes(List<byte[]> list) {
        return list.stream().mapToLong(b -> b.length).sum();
    }

    static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    public static void main(String[] args) throws Exception {
        SplittableRandom r = new SplittableRandom();
        Path control = Path.of(args[0]);
        boolean churned = false;
        while (true) {
            String command = Files.exists(control) ? Files.readString(control).trim() : "";
            if (command.equals("hold") && HELD.isEmpty()) {
                while (bytes(HELD) < 40_000_000L) {
                    held(r);
                }
                System.gc();
                System.out.println("ready 1 held=" + bytes(HELD));
            } else if (command.equals("churn") && !churned) {
                churned = true;
                long before = collections();
                long thrown = 0;
                while (bytes(FRESH) < 40_000_000L || thrown < 200_000_000L) {
                    fresh(r);
                    for (int i = 0; i < 5; i++) {
                        garbage(r);
                        thrown += lastGarbage.length;
                    }
                }
                System.out.println("ready 2 fresh=" + bytes(FRESH) + " collections=" + (collections() - before));
            } else if (command.equals("exit")) {
                System.exit(0);
            }
            Thread.sleep(20);
        }
    }
}
