package dev.pprof4j.runtime.collect.contention;

import dev.pprof4j.runtime.agent.AgentOptions;
import java.util.List;
import java.util.Locale;

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
 *                     loads, else JFR), {@code jvmti}, {@code asyncprofiler} (async-profiler's
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

    static final List<String> ENGINES = List.of("auto", "jvmti", "asyncprofiler", "jfr");

    /** @throws IllegalArgumentException with a one-line reason */
    public static ContentionSettings from(AgentOptions options) {
        long rate = number(options.get("blockprofilerate", null), DEFAULT_BLOCK_RATE, Long.MAX_VALUE,
                "blockprofilerate", "nanoseconds of waiting per sample (Go's SetBlockProfileRate; 0 turns block off)");
        long fraction = number(options.get("mutexprofilefraction", null), DEFAULT_MUTEX_FRACTION, Integer.MAX_VALUE,
                "mutexprofilefraction", "one contention in N sampled (Go's SetMutexProfileFraction; 0 turns mutex off)");
        String engine = options.get("contentionengine", "auto").toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("contentionengine=" + engine + " is not one of " + String.join(", ", ENGINES));
        }
        int holders = options.get("mutexprofilefraction", null) == null ? DEFAULT_HOLDERS_PER_SECOND : 0;
        return new ContentionSettings(rate, (int) fraction, holders, engine);
    }

    private static long number(String text, long defaultValue, long max, String key, String meaning) {
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + text + " is not a whole number from 0: " + meaning);
    }
}
