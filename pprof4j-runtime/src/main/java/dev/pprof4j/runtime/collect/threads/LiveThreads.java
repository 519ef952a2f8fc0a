package dev.pprof4j.runtime.collect.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Every live thread with its stack: platform threads from {@link ThreadMXBean} (one
 * safepoint for all of them, with lock details when asked, or a safepoint per batch) and virtual threads from
 * {@link VirtualThreads}, each with {@link Thread#getStackTrace()}.
 */
public final class LiveThreads {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final VirtualThreads virtualThreads;
    /** Thread.threadId() (JDK 19+; getId() is deprecated there), as a handle: no boxing per thread. */
    private final java.lang.invoke.MethodHandle threadId;
    /** Used only when {@link VirtualThreads} cannot walk the containers (JDK 21+). */
    private final VirtualThreadDump dump;
    /** Stacks of virtual threads, found after {@link VirtualThreads#open} opened the JDK's package. */
    private final ThreadStacks stacks = ThreadStacks.find();
    /** Threads that take a large crowd's stacks together: the cores, at most four. */
    private static final int WORKERS = Math.min(4, Runtime.getRuntime().availableProcessors());

    public LiveThreads(VirtualThreads virtualThreads) {
        this.virtualThreads = virtualThreads;
        this.dump = virtualThreads.unavailableReason() != null && Runtime.version().feature() >= 21
                ? VirtualThreadDump.find() : null;
        java.lang.invoke.MethodHandle id;
        try {
            id = java.lang.invoke.MethodHandles.publicLookup().findVirtual(Thread.class, "threadId",
                    java.lang.invoke.MethodType.methodType(long.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            id = null;
        }
        this.threadId = id;
    }

    /** How virtual threads' stacks are taken, for the profile's comment. */
    public String virtualStacksEngine() {
        return stacks.engine();
    }

    public VirtualThreads virtualThreads() {
        return virtualThreads;
    }

    /** Live threads now; {@code withLocks} adds held monitors and synchronizers (slower). */
    public List<ThreadSample> snapshot(boolean withLocks) {
        ThreadInfo[] platform = threads.dumpAllThreads(withLocks && threads.isObjectMonitorUsageSupported(),
                withLocks && threads.isSynchronizerUsageSupported());
        return withVirtual(platform, withLocks, virtualThreads.list());
    }

    /** Hears how many threads a snapshot will hold before their stacks are taken; may refuse. */
    public interface Admission<E extends Exception> {
        void admit(long threads) throws E;
    }

    /**
     * Live threads without lock details, once {@code admission} has accepted their number. The
     * virtual threads are listed once for both: walking the JDK's containers is most of what
     * counting 100 000 of them costs, so counting first and then listing would walk twice.
     */
    public <E extends Exception> List<ThreadSample> snapshot(Admission<E> admission) throws E {
        List<Thread> virtual = virtualThreads.list();
        admission.admit((long) threads.getThreadCount() + virtual.size());
        return withVirtual(threads.dumpAllThreads(false, false), false, virtual);
    }

    /**
     * Live threads without lock details, the platform threads taken {@code batch} at a time:
     * each batch is its own safepoint, so the application is stopped many times briefly
     * instead of once for all of them (about 25 µs a thread here: 10 000 threads in one dump
     * stopped it for ~0.25 s). Threads started or ended between batches may be missed or
     * left out; for the background history that is a fair price, for a request of
     * {@code goroutine}, which must be one consistent picture as Go's is, it is not.
     */
    public List<ThreadSample> snapshotInBatches(int batch) {
        long[] ids = threads.getAllThreadIds();
        List<ThreadInfo> platform = new ArrayList<>(ids.length);
        for (int from = 0; from < ids.length; from += batch) {
            long[] some = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + batch));
            platform.addAll(java.util.Arrays.asList(threads.getThreadInfo(some, Integer.MAX_VALUE)));
        }
        return withVirtual(platform.toArray(ThreadInfo[]::new), false, virtualThreads.list());
    }

    /** Receives one batch of threads; may throw what writing it out throws. */
    public interface Batch {
        void accept(List<ThreadSample> threads) throws java.io.IOException;
    }

    /**
     * Live threads handed over {@code batch} platform threads at a time (each batch one
     * safepoint, with lock details when asked), then the virtual threads: what a dump too large
     * for the agent's memory budget streams instead of one consistent picture. {@code stopped}
     * is told how long each batch's safepoint work took, and nothing of the consumer's time
     * (formatting and sending a batch stops nothing).
     */
    public void forEachBatch(int batch, boolean withLocks, java.util.function.LongConsumer stopped, Batch consumer)
            throws java.io.IOException {
        forEachBatch(batch, withLocks, virtualThreads.list(), stopped, consumer);
    }

    /**
     * {@link #forEachBatch(int, boolean, java.util.function.LongConsumer, Batch)} with the virtual
     * threads already listed (by {@link VirtualThreads#list()}), so that a caller that counted them
     * first does not walk the JDK's containers twice.
     */
    public void forEachBatch(int batch, boolean withLocks, List<Thread> virtual, java.util.function.LongConsumer stopped,
            Batch consumer) throws java.io.IOException {
        long[] ids = threads.getAllThreadIds();
        boolean monitors = withLocks && threads.isObjectMonitorUsageSupported();
        boolean synchronizers = withLocks && threads.isSynchronizerUsageSupported();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int from = 0; from < ids.length; from += batch) {
            long[] some = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + batch));
            long start = System.nanoTime();
            ThreadInfo[] infos = threads.getThreadInfo(some, monitors, synchronizers);
            stopped.accept(System.nanoTime() - start);
            List<ThreadSample> samples = new ArrayList<>(infos.length);
            for (ThreadInfo info : infos) {
                if (info != null) {
                    samples.add(platform(info, withLocks));
                    seen.add(info.getThreadId());
                }
            }
            consumer.accept(samples);
        }
        List<ThreadSample> samples = new ArrayList<>(virtual.size());
        addVirtual(samples, seen, virtual);
        consumer.accept(samples);
    }

    private static ThreadSample platform(ThreadInfo info, boolean withLocks) {
        return new ThreadSample(info.getThreadId(), info.getThreadName(), false, info.isDaemon(),
                info.getThreadState(), info.getStackTrace(), withLocks ? info : null);
    }

    /** The platform threads dumped (nulls for threads gone meanwhile) and every virtual thread. */
    private List<ThreadSample> withVirtual(ThreadInfo[] platform, boolean withLocks, List<Thread> virtual) {
        // sized once for all: a crowd's 100 000 samples would otherwise be copied as the list grows
        List<ThreadSample> samples = new ArrayList<>(platform.length + virtual.size());
        java.util.Set<Long> platformIds = new java.util.HashSet<>();
        for (ThreadInfo info : platform) {
            if (info == null) {
                continue;
            }
            samples.add(platform(info, withLocks));
            platformIds.add(info.getThreadId());
        }
        addVirtual(samples, platformIds, virtual);
        return samples;
    }

    /** Adds the virtual threads' samples to {@code samples}. */
    private void addVirtual(List<ThreadSample> samples, java.util.Set<Long> platformIds, List<Thread> virtual) {
        if (dump != null) {
            samples.addAll(dumpedVirtualThreads(platformIds));
        }
        ThreadStacks.Capture[] captures = stacks.captureAll(virtual, WORKERS);
        for (int i = 0; i < captures.length; i++) {
            ThreadStacks.Capture capture = captures[i];
            if (capture != null) {
                Thread thread = virtual.get(i);
                samples.add(new ThreadSample(id(thread), thread.getName(), true, true, capture.state(),
                        capture.stack(), null));
            }
        }
    }

    /** The number of live platform threads plus virtual threads, cheaply (for the index page). */
    public int count() {
        int virtual = virtualCount();
        return virtual < 0 ? -1 : threads.getThreadCount() + virtual;
    }

    /** {@link #count()} of the platform threads now and the virtual threads {@code listed} by {@link VirtualThreads#list()}. */
    public int count(List<Thread> listed) {
        return virtualThreads.unavailableReason() == null ? threads.getThreadCount() + listed.size() : count();
    }

    /** Live virtual threads, or -1 when they cannot be counted cheaply. */
    public int virtualCount() {
        if (virtualThreads.unavailableReason() == null) {
            return virtualThreads.list().size();
        }
        return dump == null ? 0 : -1;
    }

    /** Null when virtual threads are listed, else why they are slow to list or missing. */
    public String virtualThreadsNote() {
        String reason = virtualThreads.unavailableReason();
        if (reason == null || Runtime.version().feature() < 21) {
            return null;
        }
        return dump != null ? "virtual threads from HotSpotDiagnosticMXBean.dumpThreads (slow; " + reason + ")"
                : "virtual threads left out: " + reason;
    }

    private List<ThreadSample> dumpedVirtualThreads(java.util.Set<Long> platformIds) {
        try {
            return dump.virtualThreads(platformIds);
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    @SuppressWarnings("deprecation")
    private long id(Thread thread) {
        if (threadId != null) {
            try {
                return (long) threadId.invokeExact(thread);
            } catch (Throwable e) {
                // threadId() throws nothing; fall through to getId
            }
        }
        return thread.getId();
    }
}
