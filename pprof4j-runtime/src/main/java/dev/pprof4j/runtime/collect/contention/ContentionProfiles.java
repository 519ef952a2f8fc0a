package dev.pprof4j.runtime.collect.contention;

import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.CollectorUnavailableException;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.runtime.collect.build.StackTable;
import dev.pprof4j.runtime.collect.cpu.AsyncProfilerLocks;
import dev.pprof4j.runtime.collect.heap.StackFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place {@code block} and {@code mutex} profiles are made, cumulative since pprof4j
 * started (deltas subtract two of them): from the JVMTI contention sampler where it runs, from
 * async-profiler's lock engine when asked for ({@code contentionengine=async-profiler}), else
 * from the JFR stream's thresholded events, labelled as biased against short waits.
 */
public final class ContentionProfiles {
    /** Whose stack the mutex profile charges a contention's delay to. */
    public enum View {
        /** The stack that held the lock (Go's semantics). */
        HOLDER,
        /** The stack that waited for it. */
        WAITER;

        /** {@code holder} (or null: the default) or {@code waiter}. */
        public static View parse(String text) {
            if (text == null || text.isEmpty() || text.equalsIgnoreCase("holder")) {
                return HOLDER;
            }
            if (text.equalsIgnoreCase("waiter")) {
                return WAITER;
            }
            throw new IllegalArgumentException("view=" + text + " is not holder or waiter");
        }
    }

    /** The JFR fallback's tables, of waits of at least {@link #jfrThreshold}. */
    public interface JfrTables {
        StackTable block() throws CollectorUnavailableException;

        StackTable mutex() throws CollectorUnavailableException;
    }

    /** The holder view's frame for contentions whose lock was free again before its owner was read. */
    public static final String HOLDER_NOT_FOUND = "(holder not found: the lock was released before its owner was read)";

    /**
     * The holder view's frame for monitors whose owner JVMTI did not name on a JVM with virtual threads:
     * HotSpot's GetObjectMonitorUsage reports no owner for a monitor a virtual thread holds, and one
     * released in the meantime reads the same.
     */
    public static final String HOLDER_UNNAMED = "(monitor holder not named: a virtual thread, which JVMTI's"
            + " GetObjectMonitorUsage does not report as an owner, or released before its owner was read)";

    private final ContentionSampler sampler;
    private final AsyncProfilerLocks locks;
    private final String samplerUnavailable;
    private final JfrTables jfr;
    private final Duration jfrThreshold;

    /**
     * @param sampler            the JVMTI engine, or null
     * @param locks              async-profiler's lock engine, or null (used when there is no sampler)
     * @param samplerUnavailable why there is no sampler (null when there is)
     */
    public ContentionProfiles(ContentionSampler sampler, AsyncProfilerLocks locks, String samplerUnavailable,
            JfrTables jfr, Duration jfrThreshold) {
        this.sampler = sampler;
        this.locks = locks;
        this.samplerUnavailable = samplerUnavailable;
        this.jfr = jfr;
        this.jfrThreshold = jfrThreshold;
    }

    /** Go's block profile: time spent waiting, by waiting stack. */
    public Profile block() throws CollectorUnavailableException {
        if (sampler == null && locks != null) {
            return fromAsyncProfiler("block: only the waits async-profiler's lock engine sees (no Object.wait,"
                    + " conditions, queues or other parks)");
        }
        if (sampler == null) {
            return fromJfr(jfr.block(), "jdk.ThreadPark, jdk.JavaMonitorEnter and jdk.JavaMonitorWait");
        }
        ProfileBuilder builder = builder()
                .comment("engine: pprof4j JVMTI (libpprof4j): contended monitor enters, Object.wait and Unsafe.park"
                        + " (j.u.c. locks, conditions, queues)" + virtualParks() + " since pprof4j started")
                .comment("sampling: blockprofilerate=" + sampler.settings().blockRate() + " (Go's SetBlockProfileRate,"
                        + " ns): a wait of d ns is kept with probability min(1, d/rate) and scaled by rate/d below"
                        + " the rate, unbiased at every wait length");
        caveats(builder);
        addSites(builder, ContentionSite.Kind.BLOCK);
        return builder.build();
    }

    /** Go's mutex profile: contended locks' delay, by the holder's stack (or, asked so, the waiter's). */
    public Profile mutex(View view) throws CollectorUnavailableException {
        if (sampler == null && locks != null) {
            return fromAsyncProfiler("mutex: the waiting stacks (async-profiler does not know the holder;"
                    + " ?view=" + view.name().toLowerCase(Locale.ROOT) + " shows the waiters)");
        }
        if (sampler == null) {
            return fromJfr(jfr.mutex(), "jdk.JavaMonitorEnter and jdk.ThreadPark on locks (the waiter's stack:"
                    + " JFR does not know the holder)");
        }
        ContentionStats stats = sampler.stats();
        ProfileBuilder builder = builder()
                .comment("engine: pprof4j JVMTI (libpprof4j): contended monitor enters and Unsafe.park on ReentrantLock and"
                        + " ReentrantReadWriteLock" + virtualParks() + " since pprof4j started")
                .comment("sampling: mutexprofilefraction=" + sampler.settings().mutexFraction() + " (Go's"
                        + " SetMutexProfileFraction): one contention in that many kept and scaled by it")
                .comment(view == View.HOLDER
                        ? "view=holder: each delay is charged to the stack that held the lock when the wait began"
                                + " (monitors: JVMTI GetObjectMonitorUsage, a safepoint on JDK 17; locks: their"
                                + " exclusiveOwnerThread; then its stack, a handshake with it), taken for sampled"
                                + " contentions only" + (sampler.settings().holdersPerSecond() == 0 ? ", "
                                : " and for at most " + sampler.settings().holdersPerSecond() + " a second (now 1 sample in "
                                + stats.holderEvery() + ", standing for that many), ")
                                + String.format(Locale.ROOT, "%.1f", stats.holderMicros())
                                + " µs each on average; monitors held by virtual threads have no owner in JVMTI"
                                + " (GetObjectMonitorUsage names none) and go to the frame that says so;"
                                + " ?view=waiter shows the waiting stacks"
                        : "view=waiter: each delay is charged to the waiting stack; ?view=holder (the default)"
                                + " charges it to the stack that held the lock, as Go does");
        caveats(builder);
        if (view == View.HOLDER) {
            addSites(builder, ContentionSite.Kind.MUTEX_HOLDER);
            addSites(builder, ContentionSite.Kind.MUTEX_HOLDER_UNNAMED);
        } else {
            addSites(builder, ContentionSite.Kind.MUTEX_WAITER);
        }
        return builder.build();
    }

    /** Go's {@code sampling period=} of the mutex profile's text: values there are divided by it. */
    public int mutexSamplingPeriod() {
        return sampler == null ? 1 : Math.max(1, sampler.settings().mutexFraction());
    }

    /** The engine that serves block and mutex, for the index page. */
    public String engine() {
        if (sampler == null && locks != null) {
            return locks.description() + " (sampled by summed wait time, scaled)";
        }
        if (sampler == null) {
            return "jfr park/monitor events of at least " + jfrThreshold.toMillis() + " ms (biased against short waits;"
                    + " " + samplerUnavailable + ")";
        }
        return "jvmti (blockprofilerate=" + sampler.settings().blockRate() + ", mutexprofilefraction="
                + sampler.settings().mutexFraction() + ")";
    }

    /** Stacks in the block or mutex profile, for the index page; -1 when it cannot be read. */
    public int count(String name) {
        try {
            if (sampler == null && locks != null) {
                return locks.waits().size();
            }
            if (sampler == null) {
                return "block".equals(name) ? jfr.block().size() : jfr.mutex().size();
            }
            ContentionSite.Kind kind = "block".equals(name) ? ContentionSite.Kind.BLOCK : ContentionSite.Kind.MUTEX_WAITER;
            return (int) sampler.sites().stream().filter(s -> s.kind() == kind).count();
        } catch (CollectorUnavailableException e) {
            return -1;
        }
    }

    private String virtualParks() {
        return sampler.virtualParkUnavailableReason() != null ? ""
                : ", and virtual threads' parks in LockSupport.park(blocker), timed from their VirtualThreadUnmount"
                        + " to their VirtualThreadMount (JVMTI extension events)";
    }

    private void caveats(ProfileBuilder builder) {
        if (sampler.parkUnavailableReason() != null) {
            builder.comment("missing: j.u.c. locks, conditions and queues (Unsafe.park is not traced: "
                    + sampler.parkUnavailableReason() + ")");
        }
        if (Runtime.version().feature() >= 21 && sampler.virtualParkUnavailableReason() != null) {
            builder.comment("missing: parks of virtual threads that unmount (they do not call Unsafe.park: "
                    + sampler.virtualParkUnavailableReason() + "); their monitor enters and waits are counted");
        }
    }

    private void addSites(ProfileBuilder builder, ContentionSite.Kind kind) {
        for (ContentionSite site : sampler.sites()) {
            if (site.kind() == kind && site.contentions() > 0) {
                List<Location> stack = !site.stack().isEmpty() ? stack(builder, site.stack())
                        : List.of(builder.pseudoLocation(kind == ContentionSite.Kind.MUTEX_HOLDER_UNNAMED
                                ? HOLDER_UNNAMED : HOLDER_NOT_FOUND));
                builder.merge(stack, site.contentions(), site.delayNanos());
            }
        }
    }

    private static List<Location> stack(ProfileBuilder builder, List<StackFrame> frames) {
        List<Location> stack = new ArrayList<>(frames.size());
        for (StackFrame f : frames) {
            stack.add(builder.location(f.className(), f.methodName(), f.fileName(), f.line()));
        }
        return stack;
    }

    private static ProfileBuilder builder() {
        return new ProfileBuilder(new ValueType("contentions", "count"), 1,
                new ValueType("contentions", "count"), new ValueType("delay", "nanoseconds"));
    }

    private Profile fromAsyncProfiler(String what) throws CollectorUnavailableException {
        StackTable waits = locks.waits();
        ProfileBuilder builder = builder()
                .comment("engine: " + locks.description() + ": contended monitor enters and Unsafe.park on"
                        + " ReentrantLock, ReentrantReadWriteLock and Semaphore since pprof4j started; " + what)
                .comment("sampling: async-profiler records a wait each time the process's summed wait time passes"
                        + " lock=" + locks.intervalNanos() + " ns (the remainder carried), with its own duration d;"
                        + " pprof4j counts one with d below that as " + locks.intervalNanos() + " ns and "
                        + locks.intervalNanos() + "/d contentions (Go's block rule), so totals are unbiased at every"
                        + " wait length; waits spanning a read of the profile are lost");
        waits.forEach((stack, values) -> builder.merge(builder.stack(stack.toArray(StackTraceElement[]::new)), values));
        return builder.build();
    }

    private Profile fromJfr(StackTable table, String events) {
        ProfileBuilder builder = builder()
                .comment("engine: jfr " + events + " of at least " + jfrThreshold.toMillis()
                        + " ms since pprof4j started")
                .comment("biased: waits shorter than " + jfrThreshold.toMillis() + " ms are missed, so short waits"
                        + " on hot locks are undercounted" + (samplerUnavailable == null ? "" : " (JVMTI engine: "
                        + samplerUnavailable + ")"));
        table.forEach((stack, values) -> builder.merge(builder.stack(stack.toArray(StackTraceElement[]::new)), values));
        return builder.build();
    }
}
