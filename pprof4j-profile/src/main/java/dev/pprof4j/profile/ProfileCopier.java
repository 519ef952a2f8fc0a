package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A deep copy that keeps the sharing of the original (one copy per mapping, function, location). */
final class ProfileCopier {
    private final Map<Mapping, Mapping> mappings = new IdentityHashMap<>();
    private final Map<Function, Function> functions = new IdentityHashMap<>();
    private final Map<Location, Location> locations = new IdentityHashMap<>();

    static Profile copy(Profile src) {
        return new ProfileCopier().copyProfile(src);
    }

    private Profile copyProfile(Profile src) {
        Profile p = new Profile();
        p.sampleTypes.addAll(src.sampleTypes);
        p.dropFrames = src.dropFrames;
        p.keepFrames = src.keepFrames;
        p.timeNanos = src.timeNanos;
        p.durationNanos = src.durationNanos;
        p.periodType = src.periodType;
        p.period = src.period;
        p.comments.addAll(src.comments);
        p.defaultSampleType = src.defaultSampleType;
        p.docUrl = src.docUrl;
        for (Mapping m : src.mappings) {
            p.mappings.add(mapping(m));
        }
        for (Function f : src.functions) {
            p.functions.add(function(f));
        }
        for (Location l : src.locations) {
            p.locations.add(location(l));
        }
        ((ArrayList<Sample>) p.samples).ensureCapacity(src.samples.size());
        for (Sample s : src.samples) {
            List<Location> stack = new ArrayList<>(s.locations.size());
            for (Location l : s.locations) {
                stack.add(location(l));
            }
            Sample c = new Sample(stack, s.values.clone());
            if (!s.labels.isEmpty()) {
                c.labels = deepCopy(s.labels);
            }
            if (!s.numLabels.isEmpty()) {
                c.numLabels = deepCopy(s.numLabels);
                c.numUnits = deepCopy(s.numUnits);
            }
            p.samples.add(c);
        }
        return p;
    }

    private static <V> Map<String, List<V>> deepCopy(Map<String, List<V>> m) {
        Map<String, List<V>> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }

    private Mapping mapping(Mapping src) {
        if (src == null) {
            return null;
        }
        return mappings.computeIfAbsent(src, s -> {
            Mapping m = new Mapping();
            m.id = s.id;
            m.memoryStart = s.memoryStart;
            m.memoryLimit = s.memoryLimit;
            m.fileOffset = s.fileOffset;
            m.file = s.file;
            m.buildId = s.buildId;
            m.hasFunctions = s.hasFunctions;
            m.hasFilenames = s.hasFilenames;
            m.hasLineNumbers = s.hasLineNumbers;
            m.hasInlineFrames = s.hasInlineFrames;
            return m;
        });
    }

    private Function function(Function src) {
        if (src == null) {
            return null;
        }
        return functions.computeIfAbsent(src, s -> {
            Function f = new Function();
            f.id = s.id;
            f.name = s.name;
            f.systemName = s.systemName;
            f.filename = s.filename;
            f.startLine = s.startLine;
            return f;
        });
    }

    private Location location(Location src) {
        Location done = locations.get(src);
        if (done != null) {
            return done;
        }
        Location l = new Location();
        l.id = src.id;
        l.mapping = mapping(src.mapping);
        l.address = src.address;
        l.isFolded = src.isFolded;
        for (Line line : src.lines) {
            l.lines.add(new Line(function(line.function()), line.line(), line.column()));
        }
        locations.put(src, l);
        return l;
    }
}
