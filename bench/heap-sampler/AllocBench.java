import java.util.SplittableRandom;

/**
 * An allocation-heavy workload for the heap sampler's overhead: one thread allocates
 * 16 B to 8 KiB objects (random mix), keeping a rolling window of 200 000 so some survive
 * young collections, for a fixed number of bytes. Prints wall and process CPU milliseconds of the
 * measured part (after a warm-up). With {@code sampler} as argument it starts pprof4j's HeapSampler
 * (runtime classes on the class path) at the default rate first.
 */
public final class AllocBench {
    public static void main(String[] args) throws Exception {
        Object sampler = null;
        if (args.length > 0 && args[0].equals("sampler")) {
            sampler = Class.forName("dev.pprof4j.runtime.collect.heap.HeapSampler").getMethod("start").invoke(null);
        }
        long bytesPerRound = Long.parseLong(System.getProperty("bench.bytes", "1500000000"));
        // Real allocation stacks are deep (a web request is 50-150 frames): -Dbench.depth=N
        // allocates N frames down, so the sampler's stack capture and hashing pay for them.
        int depth = Integer.getInteger("bench.depth", 1);
        deep(depth, bytesPerRound / 4); // warm-up
        // CPU time of the whole process (GC threads and the sampler's callbacks included) is
        // less disturbed by other load on a shared machine than wall time.
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long checksum = deep(depth, bytesPerRound);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        System.out.println("ms " + ms + " cpu " + cpuMs + " checksum " + checksum);
        if (sampler != null) {
            // The sampler's own clock: time inside the SampledObjectAlloc callback, all of the run.
            System.out.println("sampler " + sampler.getClass().getMethod("stats").invoke(sampler));
        }
    }

    static long deep(int depth, long bytes) {
        return depth <= 1 ? run(bytes) : 1 + deep(depth - 1, bytes);
    }

    static long run(long bytes) {
        SplittableRandom r = new SplittableRandom(42);
        Object[] window = new Object[200_000];
        long done = 0, sum = 0;
        int i = 0;
        while (done < bytes) {
            int kind = r.nextInt(100);
            Object o;
            if (kind < 60) {
                o = Integer.valueOf(r.nextInt() | (1 << 20));
                done += 16;
            } else if (kind < 90) {
                int n = 8 + r.nextInt(120);
                o = new long[n];
                done += 16 + 8L * n;
            } else {
                int n = 1024 + r.nextInt(7168);
                o = new byte[n];
                done += 16 + n;
            }
            window[i] = o;
            i = (i + 1) % window.length;
            sum += o.hashCode() & 1;
        }
        return sum;
    }
}
