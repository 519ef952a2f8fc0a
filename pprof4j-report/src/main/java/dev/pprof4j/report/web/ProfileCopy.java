package dev.pprof4j.report.web;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deep copy of a profile. Filters (focus, hide, show...) and granularity rewrite samples,
 * locations and lines in place; each request of the web UI works on its own copy so the
 * loaded profile stays as it was read.
 */
final class ProfileCopy {
    private ProfileCopy() {
    }

    static Profile of(Profile src) {
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
        Map<Mapping, Mapping> mappings = new IdentityHashMap<>();
        for (Mapping m : src.mappings) {
            Mapping c = new Mapping();
            c.id = m.id;
            c.memoryStart = m.memoryStart;
            c.memoryLimit = m.memoryLimit;
            c.fileOffset = m.fileOffset;
            c.file = m.file;
            c.buildId = m.buildId;
            c.hasFunctions = m.hasFunctions;
            c.hasFilenames = m.hasFilenames;
            c.hasLineNumbers = m.hasLineNumbers;
            c.hasInlineFrames = m.hasInlineFrames;
            mappings.put(m, c);
            p.mappings.add(c);
        }
        Map<Function, Function> functions = new IdentityHashMap<>();
        for (Function f : src.functions) {
            p.functions.add(copy(f, functions));
        }
        Map<Location, Location> locations = new IdentityHashMap<>();
        for (Location l : src.locations) {
            p.locations.add(copy(l, locations, mappings, functions));
        }
        for (Sample s : src.samples) {
            List<Location> stack = new ArrayList<>(s.locations.size());
            for (Location l : s.locations) {
                Location c = locations.get(l);
                if (c == null) {
                    // reached only through a sample: keep the location table complete
                    c = copy(l, locations, mappings, functions);
                    p.locations.add(c);
                }
                stack.add(c);
            }
            Sample c = new Sample(stack, s.values.clone());
            if (!s.labels.isEmpty()) {
                c.labels = new LinkedHashMap<>();
                s.labels.forEach((k, v) -> c.labels.put(k, new ArrayList<>(v)));
            }
            if (!s.numLabels.isEmpty()) {
                c.numLabels = new LinkedHashMap<>();
                c.numUnits = new LinkedHashMap<>();
                s.numLabels.forEach((k, v) -> c.numLabels.put(k, new ArrayList<>(v)));
                s.numUnits.forEach((k, v) -> c.numUnits.put(k, new ArrayList<>(v)));
            }
            p.samples.add(c);
        }
        return p;
    }

    private static Function copy(Function f, Map<Function, Function> done) {
        Function c = done.get(f);
        if (c == null) {
            c = new Function();
            c.id = f.id;
            c.name = f.name;
            c.systemName = f.systemName;
            c.filename = f.filename;
            c.startLine = f.startLine;
            done.put(f, c);
        }
        return c;
    }

    private static Location copy(Location l, Map<Location, Location> done, Map<Mapping, Mapping> mappings,
            Map<Function, Function> functions) {
        Location c = done.get(l);
        if (c == null) {
            c = new Location();
            c.id = l.id;
            c.mapping = l.mapping == null ? null : mappings.getOrDefault(l.mapping, l.mapping);
            c.address = l.address;
            c.isFolded = l.isFolded;
            for (Line line : l.lines) {
                Function f = line.function() == null ? null : copy(line.function(), functions);
                c.lines.add(new Line(f, line.line(), line.column()));
            }
            done.put(l, c);
        }
        return c;
    }
}
