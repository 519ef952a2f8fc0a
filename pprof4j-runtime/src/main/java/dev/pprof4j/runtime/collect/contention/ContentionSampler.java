package dev.pprof4j.runtime.collect.contention;

import dev.pprof4j.runtime.collect.DiagnosticCommands;
import dev.pprof4j.runtime.collect.heap.NativeLibrary;
import dev.pprof4j.runtime.collect.heap.NativeMethods;
import dev.pprof4j.runtime.collect.heap.StackFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's block and mutex profilers on JVMTI (libpprof4j's contention.c): contended monitor
 * enters, {@code Object.wait} and {@code Unsafe.park} (j.u.c. locks, conditions, queues,
 * {@code LockSupport}) timed in the waiting thread; a stack is taken only for a sampled wait
 * (block: probability min(1, d/rate), scaled by rate/d below the rate; mutex: one contention
 * in {@code fraction}, scaled by it, with the holder's stack). The native tables are per
 * process; one instance reads them. Thread-safe.
 */
public final class ContentionSampler implements AutoCloseable {
    /** Frames kept per stack, the leaf-most ones. */
    public static final int MAX_DEPTH = 64;

    private final ContentionSettings settings;
    private final String parkUnavailable;
    private final String virtualParkUnavailable;
    private final List<ContentionSite.Kind> siteKinds = new ArrayList<>();
    private final List<int[]> siteFrames = new ArrayList<>();
    private final List<StackFrame> methods = new ArrayList<>();

    private ContentionSampler(ContentionSettings settings, String parkUnavailable, String virtualParkUnavailable) {
        this.settings = settings;
        this.parkUnavailable = parkUnavailable;
        this.virtualParkUnavailable = virtualParkUnavailable;
    }

    /**
     * Starts tracing monitors and parks.
     *
     * @param commands runs {@code VM.log}, which keeps HotSpot quiet while {@code Unsafe.park} is re-bound
     * @throws IllegalStateException saying why, when libpprof4j or its monitor events are unavailable
     */
    public static ContentionSampler start(ContentionSettings settings, DiagnosticCommands commands) {
        String why = NativeLibrary.loadError();
        if (why == null) {
            // Re-binding Unsafe.park makes HotSpot log a warning (jni+resolve) on the application's
            // standard output: not ours to print, so that tag set is quiet for the moment it takes.
            boolean quiet = JvmLog.set(commands, "jni+resolve=off");
            try {
                why = NativeContention.start0(settings.blockRate(), settings.mutexFraction(),
                        settings.holdersPerSecond(), MAX_DEPTH, true);
            } finally {
                if (quiet) {
                    JvmLog.set(commands, "jni+resolve=warning");
                }
            }
        }
        if (why != null) {
            throw new IllegalStateException(why);
        }
        return new ContentionSampler(settings, NativeContention.parkError0(), NativeContention.virtualParkError0());
    }

    public ContentionSettings settings() {
        return settings;
    }

    /** Null when {@code Unsafe.park} is traced (j.u.c. locks and queues), else why only monitors are. */
    public String parkUnavailableReason() {
        return parkUnavailable;
    }

    /**
     * Null when virtual threads' parks are traced (JDK 21+: from their unmount in
     * {@code LockSupport.park(blocker)} to their mount), else why not.
     */
    public String virtualParkUnavailableReason() {
        return virtualParkUnavailable;
    }

    /** Every site with what was credited to it since start. */
    public synchronized List<ContentionSite> sites() {
        double[] values = NativeContention.values0();
        if (values == null) {
            return List.of();
        }
        int n = values.length / 2;
        if (siteFrames.size() < n) {
            // Sites name methods resolved before them: read sites first, then methods.
            int[] packed = NativeContention.sites0(siteFrames.size());
            methods.addAll(NativeMethods.from(methods.size()));
            for (int k = 0; packed != null && k + 1 < packed.length; ) {
                int frames = packed[k + 1];
                siteKinds.add(ContentionSite.Kind.values()[packed[k]]);
                int[] pairs = new int[2 * frames];
                System.arraycopy(packed, k + 2, pairs, 0, pairs.length);
                siteFrames.add(pairs);
                k += 2 + pairs.length;
            }
        }
        List<ContentionSite> out = new ArrayList<>(n);
        for (int i = 0; i < Math.min(n, siteFrames.size()); i++) {
            out.add(new ContentionSite(siteKinds.get(i), frames(siteFrames.get(i)),
                    Math.round(values[2 * i]), Math.round(values[2 * i + 1])));
        }
        return out;
    }

    private List<StackFrame> frames(int[] pairs) {
        List<StackFrame> out = new ArrayList<>(pairs.length / 2);
        for (int f = 0; f < pairs.length; f += 2) {
            int method = pairs[f];
            StackFrame m = method >= 0 && method < methods.size() ? methods.get(method) : null;
            out.add(m == null ? new StackFrame("unknown", "unknown", "", pairs[f + 1])
                    : new StackFrame(m.className(), m.methodName(), m.fileName(), pairs[f + 1]));
        }
        return out;
    }

    /** What tracing has cost and seen so far. */
    public ContentionStats stats() {
        long[] s = NativeContention.stats0();
        return s == null ? new ContentionStats(0, 0, 0, 0, 0, 0, 0, 1, 0)
                : new ContentionStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
    }

    /** Stops new samples (the park stays re-bound, forwarding at once). */
    @Override
    public void close() {
        NativeContention.stop0();
    }
}
