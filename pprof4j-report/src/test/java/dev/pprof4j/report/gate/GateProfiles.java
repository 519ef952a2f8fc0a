package dev.pprof4j.report.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;

/** Allocation profiles with known flat values per leaf function, for the gate's tests. */
final class GateProfiles {
    private GateProfiles() {
    }

    /** An alloc_objects/alloc_space profile: each entry is leaf function -> bytes, called from main. */
    static Profile allocations(Map<String, Long> bytesByLeaf) {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("alloc_objects", "count"));
        p.sampleTypes.add(new ValueType("alloc_space", "bytes"));
        Map<String, Location> locations = new LinkedHashMap<>();
        Location main = location(p, locations, "com.example.Main.main");
        bytesByLeaf.forEach((leaf, bytes) -> {
            List<Location> stack = new ArrayList<>(List.of(location(p, locations, leaf), main));
            p.samples.add(new Sample(stack, bytes / 16, bytes));
        });
        return p;
    }

    private static Location location(Profile p, Map<String, Location> locations, String name) {
        return locations.computeIfAbsent(name, n -> {
            Function f = new Function(n, n.substring(0, n.lastIndexOf('.')).replace('.', '/') + ".java");
            p.functions.add(f);
            Location l = new Location(new Line(f, 10));
            p.locations.add(l);
            return l;
        });
    }
}
