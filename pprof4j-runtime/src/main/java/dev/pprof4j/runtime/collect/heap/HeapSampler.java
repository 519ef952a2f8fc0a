package dev.pprof4j.runtime.collect.heap;

import dev.pprof4j.protocol.ClassNames;
import dev.pprof4j.protocol.StableNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's heap profiler for the JVM: JVMTI SampledObjectAlloc at a mean interval of
 * {@link #rate()} bytes, the allocating stack captured in the callback, a weak reference
 * per sample, and each sample scaled by 1/(1-e^(-size/interval)), the interval it was drawn
 * with. See package-info for why this is our own library and not async-profiler.
 *
 * <p>With a CPU budget ({@link #start(int, int, double)}), the interval rises above the rate
 * asked for while the sampler would otherwise take more than that share of the process's CPU
 * (a sample costs a few microseconds of the JVM's own work, so at 512 KiB a thread allocating
 * 1.6 GB/s pays 1-3 %), and comes back down when allocation slows. Each sample keeps the scale
 * of its own interval, so the estimates stay unbiased; only their spread grows.
 *
 * <p>The native tables are per process (one JVMTI environment), so every instance of this
 * class in one class loader reads the same samples; {@link #start} makes the sampler run
 * and {@link #close} stops new samples (the tables, and what they say, stay readable).
 * Thread-safe.
 */
public final class HeapSampler implements AutoCloseable {
    /** Go's default MemProfileRate: one sample per 512 KiB allocated, on average. */
    public static final int DEFAULT_RATE = 512 * 1024;
    /**
     * Frames kept per allocation stack, the leaf-most ones (agent option {@code profstackdepth}).
     * 64: a request's stack in Spring MVC, Spring WebFlux or Jersey reaches the framework's
     * dispatch (which names the controller) within 64 frames of the allocation in 99–100 % of
     * samples, within 32 in 57–92 % (docs/HEAP.md, "Stack depth"). The callback's
     * {@code GetStackTrace} costs about 0.1 µs a frame, so on a service's deep stacks the depth
     * decides the sampler's cost (docs/BENCHMARKS.md, "How much does the heap sampler cost?").
     */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** The most frames libpprof4j keeps per stack (PPROF4J_MAX_DEPTH); more is cut to it. */
    public static final int MAX_DEPTH = 256;
    /**
     * The agent's CPU budget for the sampler ({@code memprofilebudget}, 0.5 % of the process's
     * CPU): issue 3's idle cost under 1 % with room for the estimate's error (docs/HEAP.md).
     */
    public static final double DEFAULT_BUDGET = 0.005;

    private final int maxDepth;
    private final double budget;
    private volatile int rate;
    // Names and stacks are append-only in the native tables; cached here as read.
    private final List<String> classes = new ArrayList<>();
    private final List<List<StackFrame>> siteStacks = new ArrayList<>();
    private final List<Integer> siteClasses = new ArrayList<>();
    private final List<String[]> methodNames = new ArrayList<>();

    private HeapSampler(int rate, int maxDepth, double budget) {
        this.rate = rate;
        this.maxDepth = maxDepth;
        this.budget = budget;
    }

    /** Null when the native sampler can run here, else a sentence saying what is missing. */
    public static String unavailableReason() {
        return NativeLibrary.loadError();
    }

    /**
     * Starts sampling every {@code rate} bytes on average ({@code 1}: every object), at that
     * interval whatever it costs (Go's fixed MemProfileRate).
     *
     * @throws IllegalStateException with {@link #unavailableReason()} when the library can't load
     */
    public static HeapSampler start(int rate, int maxDepth) {
        return start(rate, maxDepth, 0);
    }

    /**
     * Starts sampling every {@code rate} bytes on average, raising the interval while the
     * sampler's estimated cost would exceed {@code budget} (a share, 0.005 = 0.5 %) of the
     * process's CPU time over a second; 0 keeps the interval fixed.
     *
     * @throws IllegalStateException with {@link #unavailableReason()} when the library can't load
     */
    public static HeapSampler start(int rate, int maxDepth, double budget) {
        if (rate < 1) {
            throw new IllegalArgumentException("heap sampling rate must be >= 1 byte, got " + rate);
        }
        if (!(budget >= 0 && budget < 1)) {
            throw new IllegalArgumentException("heap sampler CPU budget must be in [0, 1), got " + budget);
        }
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException("native heap sampler unavailable: " + why);
        }
        if (!NativeHeap.start0(rate, maxDepth, budget)) {
            throw new IllegalStateException("native heap sampler unavailable: JVMTI refused to enable "
                    + "SampledObjectAlloc (is the JVM shutting down?)");
        }
        return new HeapSampler(rate, maxDepth, budget);
    }

    /** The agent's defaults: 512 KiB, 32 frames, a budget of 0.5 % of the process's CPU. */
    public static HeapSampler start() {
        return start(DEFAULT_RATE, DEFAULT_MAX_DEPTH, DEFAULT_BUDGET);
    }

    /** The interval asked for; {@link #stats()} says where the budget holds it now. */
    public int rate() {
        return rate;
    }

    /** The CPU budget, a share of the process's CPU; 0 when the interval never rises. */
    public double budget() {
        return budget;
    }

    /**
     * Changes the mean interval asked for, from each thread's next sample point on. Every
     * sample keeps the scale of the interval its own point was drawn with, so the estimates
     * stay unbiased across the change.
     */
    public synchronized void setRate(int newRate) {
        if (newRate < 1) {
            throw new IllegalArgumentException("heap sampling rate must be >= 1 byte, got " + newRate);
        }
        if (NativeHeap.start0(newRate, maxDepth, budget)) {
            rate = newRate;
        }
    }

    /** Forgets all samples so far (allocation totals and live samples). */
    public synchronized void reset() {
        NativeHeap.reset0();
    }

    /** Stops taking new samples. */
    @Override
    public void close() {
        NativeHeap.stop0();
    }

    public SamplerStats stats() {
        long[] s = NativeHeap.stats0();
        if (s == null) {
            return new SamplerStats(0, 0, 0, 0, 0, rate, rate, 0, rate);
        }
        return new SamplerStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
    }

    /**
     * Reads the tables: drops samples whose objects were collected, then totals every site.
     * In use is as of the last completed GC, as in Go's heap profile: an object allocated since
     * then is counted in its site's allocations but joins in use at the next GC (until then its
     * being reachable says nothing: the garbage allocated since a GC is all still there). Before
     * the first GC every sampled object counts ({@link HeapSnapshot#collections()}).
     * Cost is linear in live samples plus sites; it never walks the heap. Returns an empty
     * snapshot once the JVM has begun to exit.
     */
    public synchronized HeapSnapshot snapshot() {
        long now = System.currentTimeMillis() * 1_000_000L;
        double[] v = NativeHeap.snapshot0();
        if (v == null) {
            return new HeapSnapshot(rate, budget, now, List.of(), stats(), -1);
        }
        int siteCount = (v.length - 1) / 8;
        long collections = (long) v[v.length - 1];
        refreshNames(siteCount);
        int n = Math.min(siteCount, siteStacks.size());
        List<HeapSite> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int o = i * 8;
            sites.add(new HeapSite(siteStacks.get(i), className(siteClasses.get(i)),
                    Math.round(v[o + 2]), Math.round(v[o + 3]), Math.round(v[o + 6]), Math.round(v[o + 7]),
                    (long) v[o], (long) v[o + 1], (long) v[o + 4], (long) v[o + 5]));
        }
        return new HeapSnapshot(rate, budget, now, sites, stats(), collections);
    }

    private void refreshNames(int siteCount) {
        // Sites name methods that were resolved before them, so read sites, then methods.
        int[] packed = siteStacks.size() < siteCount ? NativeHeap.sites0(siteStacks.size(), siteCount) : null;
        String[] m = NativeHeap.methods0(methodNames.size());
        for (int k = 0; m != null && k + 2 < m.length; k += 3) {
            methodNames.add(new String[] {ClassNames.stableJavaName(m[k]), m[k + 1], m[k + 2]});
        }
        for (int k = 0; packed != null && k + 1 < packed.length; ) {
            int frames = packed[k + 1];
            int[] shape = new int[2 + 2 * frames];
            System.arraycopy(packed, k, shape, 0, shape.length);
            siteClasses.add(shape[0]);
            siteStacks.add(frames(shape));
            k += shape.length;
        }
        String[] c = NativeHeap.classes0(classes.size());
        for (int k = 0; c != null && k < c.length; k++) {
            // the allocated class, as the profile's object label and debug=1 name it
            classes.add(ClassNames.stableJavaName(c[k]));
        }
    }

    /** libpprof4j's method index for the frame that marks a cut stack (PPROF4J_METHOD_TRUNCATED). */
    private static final int TRUNCATED_METHOD = -2;

    private List<StackFrame> frames(int[] shape) {
        int n = shape[1];
        List<StackFrame> out = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            int method = shape[2 + 2 * f];
            int line = shape[3 + 2 * f];
            if (method == TRUNCATED_METHOD) {
                out.add(StackFrame.TRUNCATED);
            } else if (method >= 0 && method < methodNames.size()) {
                String[] names = methodNames.get(method);
                out.add(new StackFrame(names[0], names[1], names[2], line));
            } else {
                out.add(new StackFrame("unknown", "unknown", "", line));
            }
        }
        return List.copyOf(out);
    }

    private String className(int id) {
        return id >= 0 && id < classes.size() ? classes.get(id) : "unknown";
    }
}
