package dev.pprof4j.runtime.collect.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A thread whose CPU time goes, in random stretches, either into {@link #mix}, a small method
 * that C2 inlines into its caller {@link #mixLoop}, or into the same arithmetic written out in
 * {@link #ownLoop} itself. Which method a profiler credits a sample in mixLoop's compiled code
 * to depends on the debug information HotSpot kept when it compiled mixLoop: without the
 * non-safepoint records ({@code -XX:+DebugNonSafepoints}, or a JVMTI agent listening to
 * CompiledMethodLoad) a sample in the inlined body lands on mixLoop, and mix's self time
 * reads low.
 *
 * <p>The truth is the thread's own CPU time per kind of stretch, as in {@link CpuTruthWorkload}
 * (randomized durations of CPU time, not of wall time, so nothing aliases with the sampler and a
 * loaded machine only lengthens the run). The loops read {@code System.nanoTime} once per 4096
 * steps (a few microseconds), so the time outside {@code mix} in a mix stretch is well under 1 %.
 */
final class InlineTruthWorkload extends StretchWorker {
    static final int MIX = 0;
    static final int OWN = 1;
    private static final long SLICE_NANOS = 1_000_000;
    private static final int STEPS = 4096;

    /** One stretch of work: when (System.nanoTime), which kind, and how much CPU it took. */
    record Stretch(long start, long end, int kind, long cpuNanos) {
    }

    private final List<Stretch> stretches = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final SplittableRandom random;
    /** Keeps the loops' results alive so the JIT cannot drop them. */
    volatile long sink;

    InlineTruthWorkload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    void round() {
        // Mean 110 ms of CPU in mix, 74 ms in the caller's own loop: about 60/40.
        stretch(MIX, random.nextLong(20_000_000, 200_000_000));
        stretch(OWN, random.nextLong(8_000_000, 140_000_000));
    }

    private void stretch(int kind, long cpuNanos) {
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        long cpuEnd = cpu + cpuNanos;
        long x = sink;
        for (long now = cpu; now < cpuEnd; now = threads.getCurrentThreadCpuTime()) {
            long deadline = System.nanoTime() + Math.min(cpuEnd - now, SLICE_NANOS);
            x = kind == MIX ? mixLoop(deadline, x) : ownLoop(deadline, x);
        }
        sink = x;
        Stretch stretch = new Stretch(start, System.nanoTime(), kind, threads.getCurrentThreadCpuTime() - cpu);
        synchronized (stretches) {
            stretches.add(stretch);
        }
    }

    /** Spends its time in {@link #mix}, which C2 inlines here (it is small and hot). */
    static long mixLoop(long deadline, long x) {
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < STEPS; i++) {
                x = mix(x, i);
            }
        }
        return x;
    }

    /** One step of a dependent chain: nothing for C2 to fold or vectorize. */
    static long mix(long x, int i) {
        return ((x ^ (x >>> 31)) * 0x9E3779B97F4A7C15L) + i;
    }

    /** The same work as {@link #mixLoop}, written out: its time is the caller's own. */
    static long ownLoop(long deadline, long x) {
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < STEPS; i++) {
                x = ((x ^ (x >>> 29)) * 0xBF58476D1CE4E5B9L) + i;
            }
        }
        return x;
    }

    /** The stretches that ended at or after {@code since} (System.nanoTime). */
    List<Stretch> stretchesSince(long since) {
        synchronized (stretches) {
            return stretches.stream().filter(s -> s.end() >= since).toList();
        }
    }
}
