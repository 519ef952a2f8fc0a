import java.util.SplittableRandom;

/**
 * An allocation-heavy workload whose GC cost is stable, for bench/ab's in-JVM A/B harness
 * ({@code AgentAb AllocChurn sampler PAIRS}): each {@link #op} allocates 64 objects of 16 B to
 * 8 KiB (the same mix as AllocBench: 60 % boxed ints, 30 % {@code long[8..127]}, 10 %
 * {@code byte[1..8 KiB]}, about 40 KB per op) that die young, next to a fixed live set of about
 * 32 MB built once and never changed.
 *
 * <p>Why not AllocBench's workload: it kept a window of 200 000 objects (about 128 MB) alive, so
 * nearly every object survived young collections and died in the old generation; G1 then ran
 * concurrent cycles, mixed and "G1 Preventive Collection" pauses, 48 to 90 collections per run,
 * and that chaos, not the sampler, decided the run's CPU time. Here the young objects stay
 * reachable only while the next 512 are allocated (about 0.3 MB, so the JIT cannot scalar-replace
 * them and a young collection copies next to nothing), the old generation never grows, and every
 * collection is a young one that costs about the same.
 *
 * <p>{@code -Dchurn.depth=N} allocates N frames down (default 1): real allocation stacks are
 * deep, and the sampler walks and hashes every frame of a sampled one.
 */
public final class AllocChurn {
    private static final int DEPTH = Integer.getInteger("churn.depth", 1);
    private static final int PER_OP = 64;
    /** About 32 MB in 40 000 objects: old-generation state the GC must scan, never changing. */
    private static final Object[] LIVE = liveSet(40_000, new SplittableRandom(7));
    private static final Object[] YOUNG = new Object[512];
    private static final SplittableRandom RANDOM = new SplittableRandom(42);
    private static int next;

    private AllocChurn() {
    }

    /** The harness's unit of work: 64 allocations, about 40 KB, all soon garbage. */
    public static long op() {
        return down(DEPTH);
    }

    private static long down(int depth) {
        return depth <= 1 ? allocate() : 1 + down(depth - 1);
    }

    private static long allocate() {
        long sum = 0;
        for (int i = 0; i < PER_OP; i++) {
            Object o = object(RANDOM);
            YOUNG[next] = o;
            next = (next + 1) & (YOUNG.length - 1);
            sum += o.hashCode() & 1;
        }
        return sum + LIVE.length;
    }

    private static Object object(SplittableRandom r) {
        int kind = r.nextInt(100);
        if (kind < 60) {
            return Integer.valueOf(r.nextInt() | (1 << 20)); // outside Integer's cache: a new object
        }
        if (kind < 90) {
            return new long[8 + r.nextInt(120)];
        }
        return new byte[1024 + r.nextInt(7168)];
    }

    private static Object[] liveSet(int n, SplittableRandom r) {
        Object[] live = new Object[n];
        for (int i = 0; i < n; i++) {
            live[i] = r.nextInt(4) == 0 ? new byte[2048 + r.nextInt(2048)] : new long[8 + r.nextInt(64)];
        }
        return live;
    }
}
