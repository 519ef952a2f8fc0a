package dev.pprof4j.runtime.collect.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.pprof4j.runtime.collect.heap.NativeLibrary;
import java.lang.management.ManagementFactory;

/**
 * Whether JFR's CPU samples put time spent in an inlined method on that method or on its
 * compiled caller. HotSpot keeps, for compiled code, where each safepoint comes from; a sample
 * between safepoints resolves to the nearest one, which in a loop is usually the caller's. Only
 * with {@code -XX:+DebugNonSafepoints} does it record every instruction's origin, and it also
 * does so, with the flag at its default, while a JVMTI agent listens to CompiledMethodLoad
 * (debugInfoRec.cpp, {@code compute_recording_non_safepoints}). async-profiler sets the flag
 * when it loads; for JFR's engines libpprof4j enables the event (debuginfo.c), for code the JIT
 * compiles from then on.
 *
 * <p>Measured on JDK 25 with {@code jdk.CPUTimeSample} (docs/BENCHMARKS.md): a method inlined
 * into its loop, truly 61 % of a thread's CPU, got 0 % of its samples without the event (all on
 * the caller) and 59 % with it; an explicit {@code -XX:-DebugNonSafepoints} wins over the event,
 * as HotSpot only honours the event while the flag is at its default.
 */
public final class NonSafepointDebugInfo {
    private static final String FLAG = "DebugNonSafepoints";

    /** Whether this start is at JVM start (premain), before the application's code is compiled. */
    private final boolean atJvmStart;
    private volatile String caveat;
    private volatile boolean eventOn;

    private NonSafepointDebugInfo(boolean atJvmStart, String caveat) {
        this.atJvmStart = atJvmStart;
        this.caveat = caveat;
    }

    /**
     * Not turned on (yet): JFR's samples of inlined code go to callers unless the JVM runs with
     * {@code -XX:+DebugNonSafepoints} (or async-profiler, which sets it, was loaded).
     *
     * @param atJvmStart true from the agent's premain: code compiled before {@link #enable} is
     *                   then only the JDK's start-up code
     */
    public static NonSafepointDebugInfo notEnabled(boolean atJvmStart) {
        return new NonSafepointDebugInfo(atJvmStart, defaultCaveat(userFlag(),
                "pprof4j had not turned non-safepoint debug information on"));
    }

    /**
     * Turns the debug information on for code compiled from now on (enables CompiledMethodLoad
     * in libpprof4j), unless the user set {@code -XX:±DebugNonSafepoints}, which decides alone.
     * Never throws: what could not be done shows in {@link #caveat()}. Idempotent.
     */
    public synchronized void enable() {
        if (eventOn) {
            return;
        }
        Boolean flag = userFlag();
        if (flag != null) {
            caveat = defaultCaveat(flag, null);
            return;
        }
        String why;
        try {
            why = NativeLibrary.loadError();
            if (why == null) {
                why = enable0();
            }
        } catch (LinkageError e) {
            why = "libpprof4j lacks the CompiledMethodLoad switch: " + e.getMessage();
        }
        if (why != null) {
            caveat = defaultCaveat(null, why);
            return;
        }
        eventOn = true;
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        caveat = atJvmStart ? ""
                : String.format("methods the JIT compiled before pprof4j started (%.1f s after JVM start) credit"
                        + " the time of methods inlined into them to themselves until they are compiled again;"
                        + " start the agent with -javaagent to avoid this", uptimeMillis / 1e3);
    }

    /** True once CompiledMethodLoad is enabled by us. */
    public boolean eventEnabled() {
        return eventOn;
    }

    /**
     * Whether the JIT records the debug information from now on: our event is on, or the user set
     * {@code -XX:+DebugNonSafepoints}.
     */
    public boolean recorded() {
        return eventOn || Boolean.TRUE.equals(userFlag());
    }

    /** CompiledMethodLoad events seen since {@link #enable}; -1 when the event is not on. */
    public long compiledMethodLoads() {
        return eventOn ? compiledMethodLoads0() : -1;
    }

    /**
     * What a JFR CPU profile gets wrong about inlined methods here, for its comment and the
     * index page; empty when nothing.
     */
    public String caveat() {
        return caveat;
    }

    private static String defaultCaveat(Boolean userFlag, String why) {
        if (Boolean.TRUE.equals(userFlag)) {
            return "";
        }
        if (Boolean.FALSE.equals(userFlag)) {
            return "the self time of inlined methods goes to their callers: the JVM runs with -XX:-DebugNonSafepoints";
        }
        return "the self time of inlined methods goes to their callers (" + why + ");"
                + " -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints puts it on them";
    }

    /**
     * The flag's value when the user set it, else null. It is a diagnostic flag: without
     * {@code -XX:+UnlockDiagnosticVMOptions} the JVM hides it, and it cannot have been set.
     */
    static Boolean userFlag() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null) {
                return null;
            }
            VMOption option = hotSpot.getVMOption(FLAG);
            return option.getOrigin() == VMOption.Origin.DEFAULT ? null : Boolean.valueOf(option.getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return null;
        }
    }

    /** Null when CompiledMethodLoad is on, else why not (debuginfo.c). */
    private static native String enable0();

    private static native long compiledMethodLoads0();
}
