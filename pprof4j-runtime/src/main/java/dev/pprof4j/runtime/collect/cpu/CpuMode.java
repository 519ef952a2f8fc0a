package dev.pprof4j.runtime.collect.cpu;

import dev.pprof4j.profile.ValueType;
import java.util.Locale;

/**
 * What a sample stands for: CPU time spent on the stack (Go's {@code profile}), or wall-clock
 * time whatever the thread was doing, sleeping and blocked included
 * ({@code profile?mode=wall}).
 */
public enum CpuMode {
    CPU(new ValueType("cpu", "nanoseconds")),
    WALL(new ValueType("wall", "nanoseconds"));

    private final ValueType valueType;

    CpuMode(ValueType valueType) {
        this.valueType = valueType;
    }

    /** The second sample type and the period type: {@code cpu/nanoseconds} or {@code wall/nanoseconds}. */
    public ValueType valueType() {
        return valueType;
    }

    /** {@code cpu} or {@code wall}, as the {@code mode} request parameter spells it. */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a {@code mode=} parameter names; null and empty mean CPU, as in Go. */
    public static CpuMode ofParameter(String value) {
        if (value == null || value.isEmpty() || value.equals("cpu")) {
            return CPU;
        }
        if (value.equals("wall")) {
            return WALL;
        }
        throw new IllegalArgumentException("mode must be cpu or wall, not '" + value + "'");
    }
}
