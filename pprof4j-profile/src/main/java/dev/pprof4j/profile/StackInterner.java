package dev.pprof4j.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a profile while reading: one {@link Function} per name, one {@link Location} per
 * (function, line), one {@link Sample} per distinct stack, whose values are summed as more
 * events arrive. Readers never keep a list of events. The one way stacks become a profile in
 * pprof4j: the agent's profiles (through its {@code ProfileBuilder}) and the CLI's readers of
 * JFR files, Go's text dumps and collapsed stacks.
 *
 * <p>Not thread-safe: one interner builds one profile.
 */
public final class StackInterner {
    private final Profile profile;
    private final Map<String, Function> functions = new HashMap<>();
    private final Map<Function, Map<Long, Location>> locations = new HashMap<>();
    private final Map<List<Location>, Sample> samples = new HashMap<>();
    private final Mapping mapping;

    /**
     * @param mappingFile the file of the one mapping every location points at (pprof shows it
     *     in {@code -traces} and {@code -raw}), or null for locations with no mapping, as the
     *     agent serves them
     */
    public StackInterner(Profile profile, String mappingFile) {
        this.profile = profile;
        if (mappingFile == null) {
            mapping = null;
            return;
        }
        mapping = new Mapping();
        mapping.id = 1;
        mapping.file = mappingFile;
        mapping.hasFunctions = true;
        mapping.hasFilenames = true;
        mapping.hasLineNumbers = true;
        profile.mappings.add(mapping);
    }

    /** The function of that name; its file is the one given the first time the name is seen. */
    public Function function(String name, String filename) {
        Function function = functions.get(name);
        if (function == null) {
            function = new Function(name, filename);
            function.id = functions.size() + 1;
            functions.put(name, function);
            profile.functions.add(function);
        }
        return function;
    }

    public Location location(Function function, long line) {
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
    public Sample sample(List<Location> leafFirst) {
        Sample sample = samples.get(leafFirst);
        if (sample == null) {
            sample = new Sample(leafFirst, new long[profile.sampleTypes.size()]);
            samples.put(leafFirst, sample);
            profile.samples.add(sample);
        }
        return sample;
    }
}
