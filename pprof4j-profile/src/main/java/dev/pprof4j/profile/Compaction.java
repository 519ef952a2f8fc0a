package dev.pprof4j.profile;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Drops, in place, the locations, functions and mappings that no sample reaches any more
 * (after filtering or pruning), keeping the order of the rest. Cheaper than
 * {@link Merger#compact}, which also merges duplicates and zero samples into a new profile.
 */
public final class Compaction {
    private Compaction() {
    }

    public static void removeUnused(Profile p) {
        Set<Location> usedLocations = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Sample s : p.samples) {
            usedLocations.addAll(s.locations);
        }
        Set<Function> usedFunctions = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Mapping> usedMappings = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Location l : usedLocations) {
            if (l.mapping != null) {
                usedMappings.add(l.mapping);
            }
            for (Line line : l.lines) {
                if (line.function() != null) {
                    usedFunctions.add(line.function());
                }
            }
        }
        p.locations.removeIf(l -> !usedLocations.contains(l));
        p.functions.removeIf(f -> !usedFunctions.contains(f));
        p.mappings.removeIf(m -> !usedMappings.contains(m));
    }
}
