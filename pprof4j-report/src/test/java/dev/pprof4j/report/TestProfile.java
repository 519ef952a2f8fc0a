package dev.pprof4j.report;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small profiles written as stacks, leaf first: {@code sample(new long[]{10}, "c", "b", "main")}.
 * A frame {@code "inner|outer"} is one location whose {@code inner} call was inlined into
 * {@code outer}; {@code "f:12"} gives a line number (file {@code f.go}).
 */
final class TestProfile {
    final Profile profile = new Profile();
    private final Map<String, Function> functions = new HashMap<>();
    private final Map<String, Location> locations = new HashMap<>();
    private final Mapping mapping = new Mapping();

    TestProfile(String... typeUnitPairs) {
        for (int i = 0; i < typeUnitPairs.length; i += 2) {
            profile.sampleTypes.add(new ValueType(typeUnitPairs[i], typeUnitPairs[i + 1]));
        }
        mapping.id = 1;
        mapping.file = "/usr/bin/testprog";
        mapping.hasFunctions = true;
        profile.mappings.add(mapping);
    }

    TestProfile sample(long[] values, String... frames) {
        List<Location> locs = new ArrayList<>();
        for (String f : frames) {
            locs.add(location(f));
        }
        profile.samples.add(new Sample(locs, values.clone()));
        return this;
    }

    TestProfile sample(long value, String... frames) {
        return sample(new long[] {value}, frames);
    }

    private Location location(String spec) {
        return locations.computeIfAbsent(spec, s -> {
            Location l = new Location();
            l.id = locations.size() + 1;
            l.mapping = mapping;
            l.address = 0x1000 + 16L * l.id;
            for (String frame : s.split("\\|")) {
                String[] nameLine = frame.split(":");
                long line = nameLine.length > 1 ? Long.parseLong(nameLine[1]) : 1;
                l.lines.add(new Line(function(nameLine[0]), line));
            }
            profile.locations.add(l);
            return l;
        });
    }

    private Function function(String name) {
        return functions.computeIfAbsent(name, n -> {
            Function f = new Function(n, "/src/" + n.replace('.', '_') + ".go");
            f.id = functions.size() + 1;
            profile.functions.add(f);
            return f;
        });
    }

    /** The samples' location ids, for readable failures. */
    @Override
    public String toString() {
        return profile.samples.size() + " samples";
    }
}
