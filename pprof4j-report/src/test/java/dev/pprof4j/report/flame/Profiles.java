package dev.pprof4j.report.flame;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds small profiles from collapsed stacks ({@code "a;b;c"}, root first) for tests. */
final class Profiles {
    private final Profile profile = new Profile();
    private final Map<String, Location> locations = new HashMap<>();

    Profiles(String... types) {
        for (String type : types) {
            String[] parts = type.split("/");
            profile.sampleTypes.add(new ValueType(parts[0], parts[1]));
        }
    }

    Profiles add(String stack, long... values) {
        String[] frames = stack.split(";");
        List<Location> leafFirst = new ArrayList<>();
        for (int i = frames.length - 1; i >= 0; i--) {
            leafFirst.add(location(frames[i]));
        }
        profile.samples.add(new Sample(leafFirst, values));
        return this;
    }

    /** A location for {@code name}; {@code "x+y"} is x inlined into its caller y. */
    private Location location(String name) {
        return locations.computeIfAbsent(name, n -> {
            Location location = new Location();
            location.id = locations.size() + 1;
            for (String inlined : n.split("\\+")) {
                Function function = new Function(inlined, inlined.replace('.', '/') + ".java");
                profile.functions.add(function);
                location.lines.add(new Line(function, 1));
            }
            profile.locations.add(location);
            return location;
        });
    }

    Profile profile() {
        return profile;
    }
}
