package dev.pprof4j.runtime.collect.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread whose CPU profile is known: it alternates between {@link #alpha} and
 * {@link #beta} for random durations (alpha about 70 % of the time), and inside each works in
 * one of four loops (chosen at random, or one fixed by {@link #setLoop}) — {@code System.arraycopy}, SHA-256, {@code Math.log}/
 * {@code sin}, and spinning on {@code System.nanoTime} — the intrinsics and stubs that JDK 17's
 * JFR sampler cannot see. Durations are random because a fixed period near the sampling
 * interval aliases with any sampler, and they are durations of the thread's CPU time, not of
 * wall time: on a loaded machine a stretch still holds the CPU time it was meant to (a few
 * samples' worth), so the error of a share stays that of a few hundred stretches, each off by
 * less than one sample, however little of a core the thread gets.
 *
 * <p>The truth is the thread's own CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}),
 * added up per method and per loop at the end of every stretch.
 */
public final class CpuTruthWorkload extends StretchWorker {
    static final String[] LOOPS = {"arraycopyLoop", "sha256Loop", "mathLoop", "nanoTimeLoop"};
    static final int ALPHA = 0;
    static final int BETA = 1;
    private static final long SLICE_NANOS = 1_000_000;

    /** One stretch of work: when (System.nanoTime), where, and how much CPU it took. */
    record Stretch(long start, long end, int method, int loop, long cpuNanos) {
    }

    private final List<Stretch> stretches = new ArrayList<>();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final SplittableRandom random;
    private final byte[] source = new byte[64 * 1024];
    private final byte[] target = new byte[64 * 1024];
    private final MessageDigest sha256;
    private volatile int loop = -1;
    /** Keeps the loops' results alive so the JIT cannot drop them. */
    volatile long sink;

    CpuTruthWorkload(long seed) {
        this.random = new SplittableRandom(seed);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        random.nextBytes(source);
    }

    /** Works only in loop {@code loop} (an index into {@link #LOOPS}), or in any at random when -1. */
    void setLoop(int loop) {
        this.loop = loop;
    }

    @Override
    void round() {
        // Mean 110 ms of CPU in alpha, 47 ms in beta: 70/30, never a fixed period. Long
        // stretches because a share's error comes from the ends of stretches (each end
        // moves at most a sample, or two when the kernel's timer tick delays one), so for
        // the same CPU time fewer, longer stretches give a share with less noise.
        alpha(random.nextLong(20_000_000, 200_000_000));
        beta(random.nextLong(8_000_000, 86_000_000));
    }

    void alpha(long cpuNanos) {
        int loop = pickLoop();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        work(loop, cpuNanos);
        account(new Stretch(start, System.nanoTime(), ALPHA, loop, threads.getCurrentThreadCpuTime() - cpu));
    }

    void beta(long cpuNanos) {
        int loop = pickLoop();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        work(loop, cpuNanos);
        account(new Stretch(start, System.nanoTime(), BETA, loop, threads.getCurrentThreadCpuTime() - cpu));
    }

    private int pickLoop() {
        int fixed = loop;
        return fixed >= 0 ? fixed : random.nextInt(LOOPS.length);
    }

    private void account(Stretch stretch) {
        synchronized (stretches) {
            stretches.add(stretch);
        }
    }

    /**
     * Works in {@code loop} until this thread has used {@code cpuNanos} of CPU, in slices of at
     * most 1 ms of wall time, so the loops themselves spin on {@code System.nanoTime} as in the
     * issue and the CPU clock is read about once a millisecond.
     */
    private void work(int loop, long cpuNanos) {
        long cpuEnd = threads.getCurrentThreadCpuTime() + cpuNanos;
        for (long cpu = threads.getCurrentThreadCpuTime(); cpu < cpuEnd; cpu = threads.getCurrentThreadCpuTime()) {
            long deadline = System.nanoTime() + Math.min(cpuEnd - cpu, SLICE_NANOS);
            switch (loop) {
                case 0 -> arraycopyLoop(deadline);
                case 1 -> sha256Loop(deadline);
                case 2 -> mathLoop(deadline);
                default -> nanoTimeLoop(deadline);
            }
        }
    }

    private void arraycopyLoop(long deadline) {
        long n = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 16; i++) {
                System.arraycopy(source, i, target, 0, source.length - 16);
            }
            n += target[(int) (n & 1023)];
        }
        sink += n;
    }

    private void sha256Loop(long deadline) {
        long n = 0;
        while (System.nanoTime() < deadline) {
            sha256.update(source, 0, 16 * 1024);
            n++;
        }
        sink += n + sha256.digest()[0];
    }

    private void mathLoop(long deadline) {
        double x = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 1; i < 2000; i++) {
                x += Math.log(i + x * 1e-9) * Math.sin(i);
            }
        }
        sink += (long) x;
    }

    private void nanoTimeLoop(long deadline) {
        long n = 0;
        while (System.nanoTime() < deadline) {
            n++;
        }
        sink += n;
    }

    /** The stretches that ended at or after {@code since} (System.nanoTime). */
    List<Stretch> stretchesSince(long since) {
        synchronized (stretches) {
            return stretches.stream().filter(s -> s.end() >= since).toList();
        }
    }
}
