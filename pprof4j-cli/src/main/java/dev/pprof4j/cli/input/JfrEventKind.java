package dev.pprof4j.cli.input;

import dev.pprof4j.profile.ValueType;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds of JFR events {@link JfrProfileReader} converts: each one's event name, its name on
 * the command line ({@code -jfr_events}) and the two sample types it contributes.
 */
public enum JfrEventKind {
    CPU("jdk.ExecutionSample", "cpu", new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds")),
    ALLOC("jdk.ObjectAllocationSample", "alloc", new ValueType("alloc_samples", "count"),
            new ValueType("alloc_space", "bytes")),
    MONITOR("jdk.JavaMonitorEnter", "monitor", new ValueType("monitor_enters", "count"),
            new ValueType("monitor_delay", "nanoseconds")),
    PARK("jdk.ThreadPark", "park", new ValueType("parks", "count"), new ValueType("park_delay", "nanoseconds"));

    final String event;
    /** The kind's name in {@code -jfr_events}. */
    public final String flagName;
    final ValueType count;
    final ValueType amount;

    JfrEventKind(String event, String flagName, ValueType count, ValueType amount) {
        this.event = event;
        this.flagName = flagName;
        this.count = count;
        this.amount = amount;
    }

    /**
     * All four kinds, in their order. Sets of kinds are TreeSets, not EnumSets: an EnumSet
     * finds its enum's constants by reflection, which on JDK 25 spins method handles at the
     * first call (~12 ms of a cold run's CPU).
     */
    public static Set<JfrEventKind> all() {
        return new TreeSet<>(Arrays.asList(values()));
    }

    /** The values {@code -jfr_events} takes besides the kinds' own names. */
    static final String ALL = "all";
    static final String LOCK = "lock";

    /**
     * The kinds a {@code -jfr_events} value names: a comma-separated list of {@code cpu},
     * {@code alloc}, {@code monitor}, {@code park}, {@code lock} (monitor and park, as
     * async-profiler's converter's {@code --lock}) and {@code all}.
     *
     * @throws IllegalArgumentException naming the value that is none of those
     */
    public static Set<JfrEventKind> parse(String value) {
        Set<JfrEventKind> kinds = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.equals(ALL)) {
                kinds.addAll(all());
            } else if (name.equals(LOCK)) {
                kinds.add(MONITOR);
                kinds.add(PARK);
            } else {
                JfrEventKind kind = null;
                for (JfrEventKind k : values()) {
                    if (k.flagName.equals(name)) {
                        kind = k;
                    }
                }
                if (kind == null) {
                    throw new IllegalArgumentException((name.isEmpty() ? "an empty name" : "'" + name + "'")
                            + " is not a JFR event kind; give a comma-separated list of " + names());
                }
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** "cpu, alloc, monitor, park, lock (monitor and park), all". */
    static String names() {
        StringBuilder sb = new StringBuilder();
        for (JfrEventKind k : values()) {
            sb.append(k.flagName).append(", ");
        }
        return sb.append(LOCK).append(" (monitor and park), ").append(ALL).toString();
    }
}
