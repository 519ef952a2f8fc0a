package dev.pprof4j.bench;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A second view next to JMH's wall-clock figures: CPU time of the whole process (GC
 * included) per decode (+ -top), after a warm-up, the way bench/goparse measures Go. On a
 * machine shared with other work, wall time mostly measures the queue; CPU time does not.
 * Usage: DecodeCpuTime FILE [RUNS]; prints "decode WALL_MS CPU_MS", "decodeAndTop ..." and
 * "decodeAndReport ...".
 */
public final class DecodeCpuTime {
    private DecodeCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        byte[] data = Files.readAllBytes(Path.of(args[0]));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProfileDecoder decoder = new ProfileDecoder();
        for (int i = 0; i < 3; i++) { // warm-up: let the JIT compile the decoder
            Profile p = decoder.decode(data);
            TopAggregation.top(p, p.defaultSampleIndex(), 10);
            TopReportRun.run(decoder, data);
        }
        for (String bench : new String[] {"decode", "decodeAndTop", "decodeAndReport"}) {
            long[] wall = new long[runs];
            long cpu0 = os.getProcessCpuTime();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                switch (bench) {
                    case "decode" -> decoder.decode(data);
                    case "decodeAndTop" -> {
                        Profile p = decoder.decode(data);
                        TopAggregation.top(p, p.defaultSampleIndex(), 10);
                    }
                    default -> TopReportRun.run(decoder, data);
                }
                wall[i] = System.nanoTime() - t0;
            }
            long cpu = (os.getProcessCpuTime() - cpu0) / runs;
            Arrays.sort(wall);
            System.out.printf("%s %.1f %.1f%n", bench, wall[runs / 2] / 1e6, cpu / 1e6);
        }
    }
}
