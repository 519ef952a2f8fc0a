package dev.pprof4j.runtime.collect.contention;

import dev.pprof4j.runtime.agent.AgentOptionTable;
import dev.pprof4j.runtime.agent.AgentOptions;

/**
 * The agent's options for {@code block} and {@code mutex}, with Go's meaning.
 *
 * @param blockRate    {@code blockprofilerate}: Go's {@code runtime.SetBlockProfileRate}, in
 *                     nanoseconds: a wait of d ns is kept with probability min(1, d/rate) and a
 *                     kept wait shorter than rate is scaled by rate/d; 1 keeps every wait, 0 turns
 *                     the block profile off
 * @param mutexFraction {@code mutexprofilefraction}: Go's {@code runtime.SetMutexProfileFraction}:
 *                     one contention in this many is kept (with its holder's stack) and scaled by
 *                     it; 0 turns the mutex profile off
 * @param holdersPerSecond the most holders' stacks the mutex profile takes a second (one sample in
 *                     N takes it and stands for N): {@value #DEFAULT_HOLDERS_PER_SECOND} with the
 *                     default fraction, none (0) when {@code mutexprofilefraction} is asked for, as
 *                     Go keeps a fraction a program sets whatever it costs
 * @param engine       {@code contentionengine}: {@code auto} (libpprof4j's JVMTI engine where it
 *                     loads, else JFR), {@code jvmti}, {@code async-profiler} (async-profiler's
 *                     {@code lock} engine with {@code lock=blockprofilerate}) or {@code jfr}
 */
public record ContentionSettings(long blockRate, int mutexFraction, int holdersPerSecond, String engine) {
    /**
     * 10 ms: one sampled wait per 10 ms blocked, on average, so a thread blocked all the time
     * costs at most about 100 stacks a second (docs/RUNTIME.md, "block and mutex").
     */
    public static final long DEFAULT_BLOCK_RATE = 10_000_000L;
    /** One contended acquisition in 100 (see docs/RUNTIME.md for what that costs). */
    public static final int DEFAULT_MUTEX_FRACTION = 100;

    /**
     * A holder's stack costs a safepoint on JDK 17 for a monitor (GetObjectMonitorUsage) and a
     * handshake with the holder: 20 a second keep the agent's default cheap at any contention.
     */
    public static final int DEFAULT_HOLDERS_PER_SECOND = 20;

    /**
     * The settings from the agent's options (each checked when the options were parsed, by
     * {@code dev.pprof4j.runtime.agent.AgentOptionTable}).
     */
    public static ContentionSettings from(AgentOptions options) {
        long rate = options.value(AgentOptionTable.BLOCKPROFILERATE);
        long fraction = options.value(AgentOptionTable.MUTEXPROFILEFRACTION);
        String engine = options.value(AgentOptionTable.CONTENTIONENGINE);
        int holders = options.get("mutexprofilefraction", null) == null ? DEFAULT_HOLDERS_PER_SECOND : 0;
        return new ContentionSettings(rate, (int) fraction, holders, engine);
    }
}
