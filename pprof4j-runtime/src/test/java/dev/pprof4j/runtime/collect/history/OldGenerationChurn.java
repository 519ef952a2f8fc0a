package dev.pprof4j.runtime.collect.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload for {@link ConcurrentCyclesCountedIT}: keeps about 120 MB of 1 KB arrays alive and
 * replaces half of them over and over, so the old generation fills past G1's initiating
 * occupancy and concurrent cycles run, until the control file says {@code stop}; then idles
 * until it says {@code exit}.
 */
public final class OldGenerationChurn {
    private OldGenerationChurn() {
    }

    public static void main(String[] args) throws Exception {
        Path control = Path.of(args[0]);
        List<byte[]> kept = new ArrayList<>();
        long sink = 0;
        while (!command(control).equals("stop")) {
            for (int i = 0; i < 10_000; i++) {
                kept.add(new byte[1024]);
                sink += new byte[128].length;
            }
            if (kept.size() > 120_000) {
                kept.subList(0, 60_000).clear();
            }
        }
        System.out.println("stopped " + kept.size() + " " + sink);
        while (!command(control).equals("exit")) {
            Thread.sleep(100);
        }
    }

    private static String command(Path control) throws Exception {
        return Files.exists(control) ? Files.readString(control).strip() : "";
    }
}
