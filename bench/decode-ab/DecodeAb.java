import dev.pprof4j.profile.ProfileDecoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of decoding one profile, plain and merging samples, in this JVM (GC threads
 * included: process CPU time), for A/B runs of two builds of pprof4j-profile on a busy machine:
 * {@code java -cp <classes> bench/decode-ab/DecodeAb.java <profile> <rounds>} prints
 * "decode MS" and "merging MS", the medians over the rounds after three warm-ups.
 */
public class DecodeAb {
    public static void main(String[] args) throws Exception {
        byte[] data = Files.readAllBytes(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        for (String mode : new String[] {"decode", "merging"}) {
            long[] cpu = new long[rounds];
            for (int i = -3; i < rounds; i++) {
                ProfileDecoder decoder = mode.equals("decode") ? new ProfileDecoder()
                        : new ProfileDecoder().mergingSamples();
                long before = processCpu();
                if (decoder.decode(data).samples.isEmpty()) {
                    throw new IllegalStateException("no samples in " + args[0]);
                }
                if (i >= 0) {
                    cpu[i] = processCpu() - before;
                }
                System.gc(); // the next round starts from the same heap
            }
            java.util.Arrays.sort(cpu);
            System.out.printf("%s %.1f%n", mode, cpu[rounds / 2] / 1e6);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
