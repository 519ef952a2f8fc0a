package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges profiles as go tool pprof does when given several sources (google/pprof's
 * {@code profile.Merge}): the result is a new profile, independent of its inputs, in which
 * equal mappings, functions and locations are one object each, samples with the same stack
 * and labels are one sample with summed values, and samples whose values are all zero are
 * gone. Headers combine as pprof's do: earliest time, summed duration, largest period,
 * comments without repeats, the first default sample type.
 *
 * <p>Merging a single profile compacts it ({@link #compact}): what no sample uses is dropped.
 */
public final class Merger {
    private final Profile p;
    private final Map<SampleKey, Sample> samples = new HashMap<>();
    private final Map<LocationKey, Location> locations = new HashMap<>();
    private final Map<List<Object>, Function> functions = new HashMap<>();
    private final Map<List<Object>, Mapping> mappings = new HashMap<>();
    // Per source: what each of its objects became (by identity, as pprof does by id).
    private final Map<Location, Location> locationOf = new IdentityHashMap<>();
    private final Map<Function, Function> functionOf = new IdentityHashMap<>();
    private final Map<Mapping, MappedTo> mappingOf = new IdentityHashMap<>();
    /**
     * The same for locations whose id is their position in the source's list plus one, as
     * in nearly every profile: an array lookup per frame instead of a hash lookup.
     */
    private Location[] sourceLocations;
    private Location[] locationAt;

    private record MappedTo(Mapping mapping, long addressOffset) {
    }

    private Merger(Profile header) {
        this.p = header;
    }

    /** Merges {@code sources} (at least one) into a new profile; they must have the same sample and period types. */
    public static Profile merge(List<Profile> sources) throws IncompatibleProfilesException {
        return merge(sources, false);
    }

    /**
     * {@link #merge}, for a caller done with the sources: each source's samples are let go of
     * as they are merged (its sample list is left empty), so they can be collected while the
     * merged ones are made and the merge holds about one profile's samples at a time, not two.
     */
    public static Profile mergeReleasing(List<Profile> sources) throws IncompatibleProfilesException {
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sources.get(i) == sources.get(j)) {
                    return merge(sources, false); // a profile given twice is read twice
                }
            }
        }
        return merge(sources, true);
    }

    private static Profile merge(List<Profile> sources, boolean release) throws IncompatibleProfilesException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no profiles to merge");
        }
        Merger m = new Merger(combineHeaders(sources));
        for (Profile src : sources) {
            m.locationOf.clear();
            m.functionOf.clear();
            m.mappingOf.clear();
            m.sourceLocations = src.locations.toArray(new Location[0]);
            m.locationAt = new Location[m.sourceLocations.length];
            // pprof keeps the first mapping first: by convention it is the main binary.
            if (m.p.mappings.isEmpty() && !src.mappings.isEmpty()) {
                m.mapMapping(src.mappings.get(0));
            }
            List<Sample> samples = src.samples;
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                if (!isZero(s)) {
                    m.mapSample(s);
                }
                if (release) {
                    samples.set(i, null);
                }
            }
            if (release) {
                samples.clear();
            }
        }
        for (Sample s : m.p.samples) {
            if (isZero(s)) {
                // Values that cancelled out (a -base diff): merge again to drop them and what only they used.
                return merge(List.of(m.p));
            }
        }
        return m.p;
    }

    /** A copy of {@code p} without unused mappings, functions and locations, duplicates merged. */
    public static Profile compact(Profile p) {
        try {
            return merge(List.of(p));
        } catch (IncompatibleProfilesException e) {
            throw new IllegalStateException("a profile is compatible with itself", e);
        }
    }

    /** Throws when {@code a} and {@code b} do not measure the same things. */
    public static void checkCompatible(Profile a, Profile b) throws IncompatibleProfilesException {
        if (!periodType(a).equals(periodType(b))) {
            throw new IncompatibleProfilesException("incompatible period types " + periodType(a) + " and "
                    + periodType(b) + "; only profiles of the same kind can be combined");
        }
        if (!a.sampleTypes.equals(b.sampleTypes)) {
            throw new IncompatibleProfilesException("incompatible sample types " + a.sampleTypes + " and "
                    + b.sampleTypes + "; only profiles of the same kind can be combined");
        }
    }

    static boolean isZero(Sample s) {
        for (long v : s.values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static ValueType periodType(Profile p) {
        return p.periodType == null ? new ValueType("", "") : p.periodType;
    }

    private static Profile combineHeaders(List<Profile> sources) throws IncompatibleProfilesException {
        Profile first = sources.get(0);
        for (Profile s : sources.subList(1, sources.size())) {
            checkCompatible(first, s);
        }
        Profile p = new Profile();
        p.sampleTypes.addAll(first.sampleTypes);
        p.periodType = first.periodType;
        p.dropFrames = first.dropFrames;
        p.keepFrames = first.keepFrames;
        Set<String> comments = new LinkedHashSet<>();
        for (Profile s : sources) {
            // pprof's rule, quirk included: a later zero time resets the earliest one.
            if (p.timeNanos == 0 || s.timeNanos < p.timeNanos) {
                p.timeNanos = s.timeNanos;
            }
            p.durationNanos += s.durationNanos;
            if (p.period == 0 || p.period < s.period) {
                p.period = s.period;
            }
            comments.addAll(s.comments);
            if (p.defaultSampleType.isEmpty()) {
                p.defaultSampleType = s.defaultSampleType;
            }
            if (p.docUrl.isEmpty()) {
                p.docUrl = s.docUrl;
            }
        }
        p.comments.addAll(comments);
        return p;
    }

    private void mapSample(Sample src) {
        int depth = src.locations.size();
        List<Location> stack = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            stack.add(mapLocation(src.locations.get(i)));
        }
        SampleKey key = new SampleKey(stack, src.labels, src.numLabels, src.numUnits);
        Sample existing = samples.get(key);
        if (existing != null) {
            for (int i = 0; i < existing.values.length; i++) {
                existing.values[i] += src.values[i];
            }
            return;
        }
        Sample s = new Sample(stack, src.values.clone());
        if (!src.labels.isEmpty()) {
            s.labels = deepCopy(src.labels);
        }
        if (!src.numLabels.isEmpty()) {
            s.numLabels = deepCopy(src.numLabels);
            s.numUnits = deepCopy(src.numUnits);
        }
        // The key keeps the source's maps, which nobody changes during the merge.
        samples.put(key, s);
        p.samples.add(s);
    }

    private static <V> Map<String, List<V>> deepCopy(Map<String, List<V>> m) {
        Map<String, List<V>> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }

    private Location mapLocation(Location src) {
        int at = (int) src.id - 1;
        if (src.id >= 1 && src.id <= sourceLocations.length && sourceLocations[at] == src) {
            Location done = locationAt[at];
            if (done == null) {
                done = locationAt[at] = copyLocation(src);
            }
            return done;
        }
        Location done = locationOf.get(src);
        if (done == null) {
            done = copyLocation(src);
            locationOf.put(src, done);
        }
        return done;
    }

    /** The merged profile's location equal to {@code src}, made if there is none yet. */
    private Location copyLocation(Location src) {
        MappedTo mi = mapMapping(src.mapping);
        Location l = new Location();
        l.id = p.locations.size() + 1;
        l.mapping = mi == null ? null : mi.mapping;
        l.address = src.address + (mi == null ? 0 : mi.addressOffset);
        l.isFolded = src.isFolded;
        for (Line line : src.lines) {
            l.lines.add(new Line(mapFunction(line.function()), line.line(), line.column()));
        }
        LocationKey key = new LocationKey(l);
        Location existing = locations.get(key);
        if (existing != null) {
            return existing;
        }
        locations.put(key, l);
        p.locations.add(l);
        return l;
    }

    private MappedTo mapMapping(Mapping src) {
        if (src == null) {
            return null;
        }
        MappedTo done = mappingOf.get(src);
        if (done != null) {
            return done;
        }
        // pprof's key: size rounded up to 4 KiB, file offset, and build id (else file name).
        long size = src.memoryLimit - src.memoryStart;
        size = size + 0xFFF;
        size = size - Long.remainderUnsigned(size, 0x1000);
        List<Object> key = List.of(size, src.fileOffset, !src.buildId.isEmpty() ? src.buildId : src.file);
        Mapping existing = mappings.get(key);
        if (existing != null) {
            MappedTo mi = new MappedTo(existing, existing.memoryStart - src.memoryStart);
            mappingOf.put(src, mi);
            return mi;
        }
        Mapping m = new Mapping();
        m.id = p.mappings.size() + 1;
        m.memoryStart = src.memoryStart;
        m.memoryLimit = src.memoryLimit;
        m.fileOffset = src.fileOffset;
        m.file = src.file;
        m.buildId = src.buildId;
        m.hasFunctions = src.hasFunctions;
        m.hasFilenames = src.hasFilenames;
        m.hasLineNumbers = src.hasLineNumbers;
        m.hasInlineFrames = src.hasInlineFrames;
        p.mappings.add(m);
        mappings.put(key, m);
        MappedTo mi = new MappedTo(m, 0);
        mappingOf.put(src, mi);
        return mi;
    }

    private Function mapFunction(Function src) {
        if (src == null) {
            return null;
        }
        Function done = functionOf.get(src);
        if (done != null) {
            return done;
        }
        List<Object> key = List.of(src.startLine, src.name, src.systemName, src.filename);
        Function f = functions.get(key);
        if (f == null) {
            f = new Function();
            f.id = p.functions.size() + 1;
            f.name = src.name;
            f.systemName = src.systemName;
            f.filename = src.filename;
            f.startLine = src.startLine;
            functions.put(key, f);
            p.functions.add(f);
        }
        functionOf.put(src, f);
        return f;
    }

    /** pprof's locationKey: address relative to its mapping, mapping, folding, and each line. */
    private static final class LocationKey {
        private final long address;
        private final long mappingId;
        private final boolean folded;
        private final long[] lines;
        private final int hash;

        LocationKey(Location l) {
            address = l.address - (l.mapping == null ? 0 : l.mapping.memoryStart);
            mappingId = l.mapping == null ? 0 : l.mapping.id;
            folded = l.isFolded;
            lines = new long[l.lines.size() * 3];
            for (int i = 0; i < l.lines.size(); i++) {
                Line line = l.lines.get(i);
                lines[i * 3] = line.function() == null ? 0 : line.function().id;
                lines[i * 3 + 1] = line.line();
                lines[i * 3 + 2] = line.column();
            }
            hash = ((Long.hashCode(address) * 31 + Long.hashCode(mappingId)) * 31 + Arrays.hashCode(lines)) * 2
                    + (folded ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LocationKey k && k.hash == hash && k.address == address && k.mappingId == mappingId
                    && k.folded == folded && Arrays.equals(k.lines, lines);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * pprof's sampleKey: the merged locations and all labels. The locations are the merged
     * sample's own list (no copy of its ids: a large profile has millions of frames), which
     * nothing changes during the merge; merged locations are one object each, so they
     * compare by identity.
     */
    private static final class SampleKey {
        private final List<Location> locations;
        private final Map<String, List<String>> labels;
        private final Map<String, List<Long>> numLabels;
        private final Map<String, List<String>> numUnits;
        private final int hash;

        SampleKey(List<Location> locations, Map<String, List<String>> labels, Map<String, List<Long>> numLabels,
                Map<String, List<String>> numUnits) {
            this.locations = locations;
            this.labels = labels;
            this.numLabels = numLabels;
            this.numUnits = numUnits;
            int h = 1;
            for (int i = 0; i < locations.size(); i++) {
                h = 31 * h + (int) locations.get(i).id;
            }
            if (!labels.isEmpty() || !numLabels.isEmpty()) {
                h = h * 31 + labels.hashCode() * 17 + numLabels.hashCode();
            }
            hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SampleKey k && k.hash == hash && sameLocations(k.locations, locations)
                    && k.labels.equals(labels) && k.numLabels.equals(numLabels) && k.numUnits.equals(numUnits);
        }

        private static boolean sameLocations(List<Location> a, List<Location> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
