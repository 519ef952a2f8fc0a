package dev.pprof4j.runtime.collect.history;

import dev.pprof4j.protocol.GoDurations;
import dev.pprof4j.runtime.collect.DiagnosticCommands;
import dev.pprof4j.runtime.collect.gc.ConcurrentOldCycles;
import dev.pprof4j.runtime.collect.heap.HeapSampler;
import dev.pprof4j.runtime.collect.threads.CreatedByTable;
import dev.pprof4j.runtime.collect.threads.LiveThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The agent's own history: every {@code interval} a compact {@link HistorySnapshot} goes into
 * a ring of {@code size}, so that "what grew since ten minutes ago?" has an answer without
 * anyone having taken a profile ten minutes ago.
 *
 * <p>A good guest: one daemon thread; a tick that runs late makes the next ones skip (never
 * pile up); a tick that fails leaves the ring as it was, and after {@link #MAX_FAILURES} in a
 * row (or any {@link OutOfMemoryError}) the history stops and says why on {@code /debug/vars}.
 */
public final class SnapshotHistory implements AutoCloseable {
    static final int MAX_FAILURES = 3;

    private final HistorySettings settings;
    private final SnapshotRecorder recorder;
    private final HistorySnapshot[] ring;
    private final Thread thread;
    // Guarded by this: the ring, next, count, interner (the recorder's interner is swapped under it).
    private int next;
    private int count;
    private Interner interner = new Interner();
    private int recordedSinceCompaction;
    private volatile String stoppedReason;
    private volatile long ticks;
    private volatile long skippedTicks;
    private volatile long failures;
    private volatile long lastTickNanos;
    private volatile boolean closed;

    private SnapshotHistory(HistorySettings settings, SnapshotRecorder recorder) {
        this.settings = settings;
        this.recorder = recorder;
        this.ring = new HistorySnapshot[settings.size()];
        this.thread = new Thread(this::run, "pprof4j-history");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts recording; the first snapshot is taken at once.
     *
     * @param heapSampler the live-heap sampler, or null when none runs
     * @param commands    what runs the class histograms
     * @param oldCycles   G1's concurrent cycles as the JFR stream counts them
     */
    public static SnapshotHistory start(HistorySettings settings, LiveThreads liveThreads, CreatedByTable createdBy,
            HeapSampler heapSampler, DiagnosticCommands commands, ConcurrentOldCycles oldCycles) {
        SnapshotHistory history = new SnapshotHistory(settings,
                new SnapshotRecorder(liveThreads, createdBy, heapSampler, settings.histograms(), commands,
                        new OldGenerationGcs(oldCycles)));
        history.thread.start();
        return history;
    }

    /** For tests: records only when {@link #tick()} is called. */
    static SnapshotHistory manual(HistorySettings settings, SnapshotRecorder recorder) {
        return new SnapshotHistory(settings, recorder);
    }

    public HistorySettings settings() {
        return settings;
    }

    private void run() {
        long interval = settings.interval().toNanos();
        long due = System.nanoTime();
        while (!closed) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return; // closed
                }
                continue;
            }
            if (!tick()) {
                return;
            }
            due += interval;
            long now = System.nanoTime();
            if (now - due > 0) {
                // The tick ran past the next one's time (a huge dump, a stalled machine): skip
                // what was missed instead of catching up back to back.
                long missed = (now - due) / interval + 1;
                skippedTicks += missed;
                due += missed * interval;
            }
        }
    }

    /** Records one snapshot; false once the history has stopped for good. */
    boolean tick() {
        long start = System.nanoTime();
        try {
            Interner current;
            synchronized (this) {
                current = interner;
            }
            HistorySnapshot snapshot = recorder.record(current);
            add(snapshot);
            failures = 0;
            ticks++;
            return true;
        } catch (OutOfMemoryError e) {
            stop("out of memory while recording (" + e.getMessage() + "); the history stopped to spare the application");
            return false;
        } catch (RuntimeException | LinkageError e) {
            if (++failures >= MAX_FAILURES) {
                stop("stopped after " + MAX_FAILURES + " failed snapshots in a row: " + e);
                return false;
            }
            return true;
        } finally {
            lastTickNanos = System.nanoTime() - start;
        }
    }

    private synchronized void add(HistorySnapshot snapshot) {
        ring[next] = snapshot;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
        if (++recordedSinceCompaction >= ring.length) {
            compact();
        }
        if (bytes() > settings.maxBytes()) {
            trimToBytes();
        }
    }

    /** Drops the oldest snapshots until the ring fits {@code historybytes} (keeping the newest one). */
    private void trimToBytes() {
        compact();
        while (count > 1 && bytes() > settings.maxBytes()) {
            ring[(next - count + ring.length) % ring.length] = null;
            count--;
            compact(); // frees the stacks only the dropped snapshot used
        }
    }

    /**
     * Once per turn of the ring: a fresh interner holding only what the snapshots still in
     * the ring use, so stacks seen only by dropped snapshots are freed.
     */
    private void compact() {
        Interner fresh = new Interner();
        Set<HeapReading> readings = Collections.newSetFromMap(new IdentityHashMap<>());
        for (HistorySnapshot s : snapshots()) {
            for (int i = 0; i < s.threads.size(); i++) {
                fresh.adopt(s.threads.stacks[i]);
                fresh.adopt(s.threads.createdBy[i]);
            }
            if (s.heap != null && readings.add(s.heap)) {
                for (int i = 0; i < s.heap.sites(); i++) {
                    fresh.adopt(s.heap.stacks[i]);
                    fresh.string(s.heap.classes[i]);
                }
            }
            if (s.histogram != null) {
                for (String c : s.histogram.classes) {
                    fresh.string(c);
                }
            }
        }
        interner = fresh;
        recordedSinceCompaction = 0;
    }

    private void stop(String reason) {
        stoppedReason = reason;
        closed = true;
        synchronized (this) {
            java.util.Arrays.fill(ring, null); // give the memory back
            count = 0;
            interner = new Interner();
        }
    }

    /** Oldest first. */
    public synchronized List<HistorySnapshot> snapshots() {
        List<HistorySnapshot> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ring[(next - count + i + ring.length) % ring.length]);
        }
        return out;
    }

    /**
     * The snapshot nearest {@code age} ago: the base a {@code since=} request subtracts.
     *
     * @throws HistoryRangeException saying how much history is held when it holds less
     */
    public HistorySnapshot nearest(Duration age) throws HistoryRangeException {
        List<HistorySnapshot> held = window(age);
        long now = System.nanoTime();
        HistorySnapshot best = held.get(0);
        for (HistorySnapshot s : held) {
            if (Math.abs(s.ageNanos(now) - age.toNanos()) < Math.abs(best.ageNanos(now) - age.toNanos())) {
                best = s;
            }
        }
        return best;
    }

    /**
     * The snapshots of the last {@code age} (oldest first, the oldest the one nearest that
     * age), what {@code pprof4j leaks --since} judges.
     *
     * @throws HistoryRangeException when the history holds less than {@code age} or is off
     */
    public List<HistorySnapshot> window(Duration age) throws HistoryRangeException {
        if (stoppedReason != null) {
            throw new HistoryRangeException("the history is not recording: " + stoppedReason);
        }
        List<HistorySnapshot> all = snapshots();
        if (all.isEmpty()) {
            throw new HistoryRangeException("the history holds no snapshot yet; the first is taken when the agent"
                    + " starts");
        }
        long now = System.nanoTime();
        long want = age.toNanos();
        long slack = settings.interval().toNanos() / 2;
        HistorySnapshot oldest = all.get(0);
        if (want > oldest.ageNanos(now) + slack) {
            throw new HistoryRangeException("since=" + GoDurations.format(age) + " is more than the history holds: "
                    + held(all, now) + "; ask for since="
                    + GoDurations.format(Duration.ofSeconds(oldest.ageNanos(now) / 1_000_000_000L)) + " or less");
        }
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (Math.abs(all.get(i).ageNanos(now) - want) < Math.abs(all.get(from).ageNanos(now) - want)) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }

    /** "12 snapshots over the last 11m3s, one every 1m (at most 60)". */
    public String held() {
        return held(snapshots(), System.nanoTime());
    }

    private String held(List<HistorySnapshot> all, long now) {
        if (all.isEmpty()) {
            return "no snapshots";
        }
        return all.size() + (all.size() == 1 ? " snapshot" : " snapshots") + " over the last "
                + GoDurations.format(Duration.ofMillis(all.get(0).ageNanos(now) / 1_000_000)) + ", one every "
                + GoDurations.format(settings.interval()) + " (at most " + ring.length + ")";
    }

    /**
     * Estimated bytes the history holds: the snapshots' arrays, each distinct heap reading
     * once, and the shared strings, frames and stacks.
     */
    public synchronized long bytes() {
        long total = 16 + 4L * ring.length + interner.bytes();
        Set<HeapReading> readings = Collections.newSetFromMap(new IdentityHashMap<>());
        for (HistorySnapshot s : snapshots()) {
            total += s.ownBytes;
            if (s.heap != null && readings.add(s.heap)) {
                total += s.heap.bytes();
            }
        }
        return total;
    }

    /** Null while recording; else why the history stopped. */
    public String stoppedReason() {
        return stoppedReason;
    }

    public long ticks() {
        return ticks;
    }

    public long skippedTicks() {
        return skippedTicks;
    }

    /** How long the last tick took. */
    public long lastTickNanos() {
        return lastTickNanos;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
