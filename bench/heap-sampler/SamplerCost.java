import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import dev.pprof4j.runtime.collect.heap.HeapSampler;
import dev.pprof4j.runtime.collect.heap.SamplerStats;

/**
 * The heap sampler's cost per sample, magnified: {@link AllocChurn} (its stack depth from
 * {@code -Dchurn.depth}) runs on the main thread while pprof4j's sampler is switched on and off
 * under it at a small interval (many samples per op), in pairs of windows in random order, as
 * bench/ab does. Per pair it prints the extra thread CPU per sample (on against off, HotSpot's
 * sampling path included) and the callback's own time per sample (the sampler's clock).
 *
 * <pre>{@code
 * java -Dchurn.depth=48 -cp <classes>:<agent jar> SamplerCost RATE MAX_DEPTH PAIRS [WINDOW_S]
 * }</pre>
 * A {@code libpprof4j.so} variant is measured by putting a directory holding
 * {@code dev/pprof4j/native/linux-x64/libpprof4j.so} before the agent jar on the class path.
 */
public final class SamplerCost {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int maxDepth = Integer.parseInt(args[1]);
        int pairs = Integer.parseInt(args[2]);
        long window = (long) (Double.parseDouble(args.length > 3 ? args[3] : "2") * 1e9);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.SplittableRandom order = new java.util.SplittableRandom(System.nanoTime());
        run(threads, 3_000_000_000L); // warm-up: the JIT settles before anything is measured
        HeapSampler sampler = HeapSampler.start(rate, maxDepth);
        run(threads, 2_000_000_000L);
        sampler.close();
        run(threads, 1_000_000_000L);
        double[] perSample = new double[pairs];
        double[] callback = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            boolean onFirst = order.nextBoolean();
            double nsPerOpOn = 0;
            double nsPerOpOff = 0;
            double samplesPerOp = 0;
            double callbackNs = 0;
            for (int half = 0; half < 2; half++) {
                boolean on = (half == 0) == onFirst;
                if (on) {
                    sampler.setRate(rate); // start0 again: enables the event
                } else {
                    sampler.close();
                }
                run(threads, 500_000_000L);
                SamplerStats s0 = sampler.stats();
                long[] w = run(threads, window);
                SamplerStats s1 = sampler.stats();
                double nsPerOp = (double) w[1] / w[0];
                if (on) {
                    nsPerOpOn = nsPerOp;
                    long samples = s1.samples() - s0.samples();
                    samplesPerOp = (double) samples / w[0];
                    callbackNs = samples == 0 ? 0 : (double) (s1.callbackNanos() - s0.callbackNanos()) / samples;
                } else {
                    nsPerOpOff = nsPerOp;
                }
            }
            perSample[p] = (nsPerOpOn - nsPerOpOff) / samplesPerOp / 1000;
            callback[p] = callbackNs / 1000;
            System.out.printf("pair %d samples/op %.2f per-sample %.3f us callback %.3f us%n",
                    p, samplesPerOp, perSample[p], callback[p]);
        }
        sampler.close();
        java.util.Arrays.sort(perSample);
        java.util.Arrays.sort(callback);
        System.out.printf("median depth=%s maxDepth=%d rate=%d per-sample %.3f us callback %.3f us%n",
                System.getProperty("churn.depth", "1"), maxDepth, rate,
                perSample[pairs / 2], callback[pairs / 2]);
    }

    /** Ops and thread CPU nanoseconds in {@code nanos} of wall time. */
    private static long[] run(ThreadMXBean threads, long nanos) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long end = System.nanoTime() + nanos;
        long ops = 0;
        long sum = 0;
        do {
            for (int i = 0; i < 64; i++) {
                sum += AllocChurn.op();
            }
            ops += 64;
        } while (System.nanoTime() < end);
        sink += sum;
        return new long[] {ops, threads.getCurrentThreadCpuTime() - cpu0};
    }
}
