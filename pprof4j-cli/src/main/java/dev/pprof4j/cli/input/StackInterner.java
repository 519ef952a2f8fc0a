package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a profile while reading: one {@link Function} per name, one {@link Location} per
 * (function, line), one {@link Sample} per distinct stack, whose values are summed as more
 * events arrive. Readers never keep a list of events.
 */
final class StackInterner {
    private final Profile profile;
    private final Map<String, Function> functions = new HashMap<>();
    private final Map<Function, Map<Long, Location>> locations = new HashMap<>();
    private final Map<List<Location>, Sample> samples = new HashMap<>();
    private final Mapping mapping;

    StackInterner(Profile profile, String mappingFile) {
        this.profile = profile;
        mapping = new Mapping();
        mapping.id = 1;
        mapping.file = mappingFile;
        mapping.hasFunctions = true;
        mapping.hasFilenames = true;
        mapping.hasLineNumbers = true;
        profile.mappings.add(mapping);
    }

    Function function(String name, String filename) {
        Function function = functions.get(name);
        if (function == null) {
            function = new Function(name, filename);
            function.id = functions.size() + 1;
            functions.put(name, function);
            profile.functions.add(function);
        }
        return function;
    }

    Location location(Function function, long line) {
        Map<Long, Location> byLine = locations.get(function);
        if (byLine == null) { // not computeIfAbsent: a lambda costs a cold start java.lang.invoke's bootstrap
            byLine = new HashMap<>(4);
            locations.put(function, byLine);
        }
        Location location = byLine.get(line);
        if (location == null) {
            location = new Location(new Line(function, line));
            location.id = profile.locations.size() + 1;
            location.mapping = mapping;
            byLine.put(line, location);
            profile.locations.add(location);
        }
        return location;
    }

    /**
     * The sample for this stack (leaf first), created with zero values on first sight.
     * {@code leafFirst} is kept, so callers pass a fresh list.
     */
    Sample sample(List<Location> leafFirst) {
        Sample sample = samples.get(leafFirst);
        if (sample == null) {
            sample = new Sample(leafFirst, new long[profile.sampleTypes.size()]);
            samples.put(leafFirst, sample);
            profile.samples.add(sample);
        }
        return sample;
    }
}
