package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.runtime.collect.CpuEngine;
import dev.pprof4j.runtime.collect.jfr.JfrCpuEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the CPU engine from the agent's {@code cpuengine=} and {@code cpuevent=} options and
 * the JDK: JFR's samplers see intrinsics and stubs from JDK 25 on (cooperative sampling)
 * and are blind to them before, so {@code auto} means async-profiler before 25 and JFR's
 * CPU-time sampler ({@code jdk.CPUTimeSample}) after, each with the other behind it.
 */
public final class CpuEngines {
    /** The JDK from which JFR's execution sampler sees every frame (docs/DECISIONS.md). */
    public static final int JFR_SOUND_FROM = 25;
    /** The values of {@code cpuengine=}. */
    public static final List<String> ENGINES = List.of("auto", "async-profiler", "jfr");

    private CpuEngines() {
    }

    /**
     * @param engine {@code auto} (or null), {@code async-profiler} or {@code jfr}
     * @param events async-profiler CPU events to try in order, separated by {@code +}
     *               ({@code cpu+ctimer+itimer} by default); null for the default
     * @param inlined what the JFR engines say about samples in inlined code; the caller turns it
     *                on when a JFR engine is chosen ({@link #isJfr})
     * @throws IllegalArgumentException naming the values allowed
     */
    public static CpuEngine choose(String engine, String events, int jdkFeature, NonSafepointDebugInfo inlined) {
        List<String> cpuEvents = cpuEvents(events);
        String choice = engineChoice(engine);
        CpuEngine jfr = new JfrCpuEngine(inlined);
        return switch (choice) {
            // From 25 on: JFR's CPU-time sampler, then async-profiler (also for mode=wall), then
            // JFR's execution sampler, which counts wall time in Java rather than CPU time.
            case "auto" -> jdkFeature >= JFR_SOUND_FROM
                    ? new FallbackCpuEngine(new JfrCpuTimeEngine(inlined),
                            new FallbackCpuEngine(new AsyncProfilerCpuEngine(cpuEvents), jfr))
                    : new FallbackCpuEngine(new AsyncProfilerCpuEngine(cpuEvents), jfr);
            case "async-profiler" -> new FallbackCpuEngine(new AsyncProfilerCpuEngine(cpuEvents), jfr);
            default -> jfr;
        };
    }

    /** Whether {@code engine} (as chosen, with its fallbacks) serves CPU profiles from JFR here. */
    public static boolean isJfr(CpuEngine engine) {
        return engine.name().startsWith("jfr");
    }

    /** Checks the option values without loading anything, for the agent's option parser. */
    public static void validate(String engine, String events) {
        engineChoice(engine);
        cpuEvents(events);
    }

    private static String engineChoice(String engine) {
        String choice = engine == null || engine.isBlank() ? "auto" : engine.toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(choice)) {
            throw new IllegalArgumentException("cpuengine=" + engine + " is not one of auto, async-profiler, jfr");
        }
        return choice;
    }

    private static List<String> cpuEvents(String events) {
        List<String> cpuEvents = events == null || events.isBlank()
                ? AsyncProfilerCpuEngine.CPU_EVENTS
                : Arrays.asList(events.toLowerCase(Locale.ROOT).split("\\+"));
        if (!AsyncProfilerCpuEngine.CPU_EVENTS.containsAll(cpuEvents)) {
            throw new IllegalArgumentException("cpuevent=" + events + " is not a '+' list of "
                    + String.join(", ", AsyncProfilerCpuEngine.CPU_EVENTS) + " (e.g. cpuevent=ctimer+itimer)");
        }
        return cpuEvents;
    }
}
