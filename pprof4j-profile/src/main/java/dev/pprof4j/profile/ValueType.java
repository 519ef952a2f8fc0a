package dev.pprof4j.profile;

import java.util.Objects;

/** A sample value's meaning, e.g. {@code inuse_space/bytes} or {@code cpu/nanoseconds}. */
public record ValueType(String type, String unit) {
    public ValueType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String toString() {
        return type + "/" + unit;
    }
}
