package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.List;

/** A program counter and the (possibly inlined) frames it stands for. */
public final class Location {
    public long id;
    /** May be null when the profile has no mappings. */
    public Mapping mapping;
    public long address;
    /** Innermost frame first; the last line is the caller of the ones before it. */
    public final List<Line> lines = new ArrayList<>(1);
    public boolean isFolded;

    public Location() {
    }

    public Location(Line line) {
        lines.add(line);
    }
}
