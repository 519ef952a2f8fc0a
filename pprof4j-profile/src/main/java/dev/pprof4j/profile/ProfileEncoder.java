package dev.pprof4j.profile;

import static dev.pprof4j.profile.ProtoFields.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link Profile} as profile.proto, gzip-compressed as go tool pprof and
 * net/http/pprof expect.
 *
 * <p>The string table and the ids exist only on the wire, so they are made here: strings
 * are numbered in order of first use (index 0 is always ""), and every mapping, location
 * and function gets a nonzero id unique within its kind. An object's own {@code id} is kept
 * when it is nonzero and not taken; otherwise a fresh one is assigned and stored back in
 * the object (so encoding twice gives the same bytes). Locations, functions and mappings
 * that samples reach but the profile's lists leave out are written too, after the listed
 * ones, so a collector may fill only {@link Profile#samples}.
 */
public final class ProfileEncoder {
    private ProfileEncoder() {
    }

    /** Writes {@code profile} gzip-compressed to {@code out}; does not close it. */
    public static void writeGzip(Profile profile, OutputStream out) throws IOException {
        ProtoWriter w = encodeToWriter(profile);
        // Closing the gzip stream frees its native Deflater; the wrapper keeps {@code out} open.
        try (GZIPOutputStream gz = new GZIPOutputStream(nonClosing(out), 1 << 16)) {
            gz.write(w.array(), 0, w.size());
        }
    }

    /** Writes {@code profile} gzip-compressed to the file {@code path}. */
    public static void writeGzip(Profile profile, Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            writeGzip(profile, out);
        }
    }

    /** The gzip-compressed encoding, as served by {@code /debug/pprof/heap}. */
    public static byte[] toGzipBytes(Profile profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeGzip(profile, out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return out.toByteArray();
    }

    /** The raw (uncompressed) protobuf encoding. */
    public static byte[] toProtoBytes(Profile profile) {
        return encodeToWriter(profile).toByteArray();
    }

    private static ProtoWriter encodeToWriter(Profile p) {
        List<Location> locations = locationsOf(p);
        List<Mapping> mappings = new ArrayList<>(p.mappings);
        List<Function> functions = new ArrayList<>(p.functions);
        Set<Mapping> knownMappings = identitySet(mappings);
        Set<Function> knownFunctions = identitySet(functions);
        for (Location loc : locations) {
            if (loc.mapping != null && knownMappings.add(loc.mapping)) {
                mappings.add(loc.mapping);
            }
            for (Line line : loc.lines) {
                if (line.function() != null && knownFunctions.add(line.function())) {
                    functions.add(line.function());
                }
            }
        }
        assignIds(mappings);
        assignIds(locations);
        assignIds(functions);

        StringTable strings = new StringTable();
        ProtoWriter w = new ProtoWriter(64 + p.samples.size() * 48 + locations.size() * 24);
        for (ValueType st : p.sampleTypes) {
            writeValueType(w, PROFILE_SAMPLE_TYPE, st, strings);
        }
        long[] scratch = new long[16];
        for (Sample s : p.samples) {
            scratch = writeSample(w, s, strings, scratch);
        }
        for (Mapping m : mappings) {
            writeMapping(w, m, strings);
        }
        for (Location loc : locations) {
            writeLocation(w, loc);
        }
        for (Function f : functions) {
            int start = w.beginMessage(PROFILE_FUNCTION);
            w.int64Opt(FUNCTION_ID, f.id);
            w.int64Opt(FUNCTION_NAME, strings.index(f.name));
            w.int64Opt(FUNCTION_SYSTEM_NAME, strings.index(f.systemName));
            w.int64Opt(FUNCTION_FILENAME, strings.index(f.filename));
            w.int64Opt(FUNCTION_START_LINE, f.startLine);
            w.endMessage(start);
        }
        long dropFrames = strings.index(p.dropFrames);
        long keepFrames = strings.index(p.keepFrames);
        long[] comments = new long[p.comments.size()];
        for (int i = 0; i < comments.length; i++) {
            comments[i] = strings.index(p.comments.get(i));
        }
        long defaultSampleType = strings.index(p.defaultSampleType);
        long docUrl = strings.index(p.docUrl);
        if (p.periodType != null) {
            writeValueType(w, PROFILE_PERIOD_TYPE, p.periodType, strings);
        }
        // The table is complete only now: every string above has been numbered.
        for (String s : strings.inOrder()) {
            w.string(PROFILE_STRING_TABLE, s);
        }
        w.int64Opt(PROFILE_DROP_FRAMES, dropFrames);
        w.int64Opt(PROFILE_KEEP_FRAMES, keepFrames);
        w.int64Opt(PROFILE_TIME_NANOS, p.timeNanos);
        w.int64Opt(PROFILE_DURATION_NANOS, p.durationNanos);
        w.int64Opt(PROFILE_PERIOD, p.period);
        w.packed(PROFILE_COMMENT, comments, comments.length);
        w.int64Opt(PROFILE_DEFAULT_SAMPLE_TYPE, defaultSampleType);
        w.int64Opt(PROFILE_DOC_URL, docUrl);
        return w;
    }

    private static void writeValueType(ProtoWriter w, int field, ValueType vt, StringTable strings) {
        int start = w.beginMessage(field);
        w.int64Opt(VALUE_TYPE_TYPE, strings.index(vt.type()));
        w.int64Opt(VALUE_TYPE_UNIT, strings.index(vt.unit()));
        w.endMessage(start);
    }

    private static long[] writeSample(ProtoWriter w, Sample s, StringTable strings, long[] scratch) {
        int start = w.beginMessage(PROFILE_SAMPLE);
        int n = s.locations.size();
        if (scratch.length < n) {
            scratch = new long[Math.max(n, scratch.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            scratch[i] = s.locations.get(i).id;
        }
        w.packed(SAMPLE_LOCATION_ID, scratch, n);
        w.packed(SAMPLE_VALUE, s.values, s.values.length);
        for (Map.Entry<String, List<String>> e : s.labels.entrySet()) {
            long key = strings.index(e.getKey());
            for (String value : e.getValue()) {
                int label = w.beginMessage(SAMPLE_LABEL);
                w.int64Opt(LABEL_KEY, key);
                w.int64Opt(LABEL_STR, strings.index(value));
                w.endMessage(label);
            }
        }
        for (Map.Entry<String, List<Long>> e : s.numLabels.entrySet()) {
            long key = strings.index(e.getKey());
            List<String> units = s.numUnits.getOrDefault(e.getKey(), List.of());
            List<Long> values = e.getValue();
            for (int i = 0; i < values.size(); i++) {
                int label = w.beginMessage(SAMPLE_LABEL);
                w.int64Opt(LABEL_KEY, key);
                w.int64Opt(LABEL_NUM, values.get(i));
                w.int64Opt(LABEL_NUM_UNIT, i < units.size() ? strings.index(units.get(i)) : 0);
                w.endMessage(label);
            }
        }
        w.endMessage(start);
        return scratch;
    }

    private static void writeMapping(ProtoWriter w, Mapping m, StringTable strings) {
        int start = w.beginMessage(PROFILE_MAPPING);
        w.int64Opt(MAPPING_ID, m.id);
        w.int64Opt(MAPPING_MEMORY_START, m.memoryStart);
        w.int64Opt(MAPPING_MEMORY_LIMIT, m.memoryLimit);
        w.int64Opt(MAPPING_FILE_OFFSET, m.fileOffset);
        w.int64Opt(MAPPING_FILENAME, strings.index(m.file));
        w.int64Opt(MAPPING_BUILD_ID, strings.index(m.buildId));
        w.boolOpt(MAPPING_HAS_FUNCTIONS, m.hasFunctions);
        w.boolOpt(MAPPING_HAS_FILENAMES, m.hasFilenames);
        w.boolOpt(MAPPING_HAS_LINE_NUMBERS, m.hasLineNumbers);
        w.boolOpt(MAPPING_HAS_INLINE_FRAMES, m.hasInlineFrames);
        w.endMessage(start);
    }

    private static void writeLocation(ProtoWriter w, Location loc) {
        int start = w.beginMessage(PROFILE_LOCATION);
        w.int64Opt(LOCATION_ID, loc.id);
        w.int64Opt(LOCATION_MAPPING_ID, loc.mapping == null ? 0 : loc.mapping.id);
        w.int64Opt(LOCATION_ADDRESS, loc.address);
        for (Line line : loc.lines) {
            int l = w.beginMessage(LOCATION_LINE);
            w.int64Opt(LINE_FUNCTION_ID, line.function() == null ? 0 : line.function().id);
            w.int64Opt(LINE_LINE, line.line());
            w.int64Opt(LINE_COLUMN, line.column());
            w.endMessage(l);
        }
        w.boolOpt(LOCATION_IS_FOLDED, loc.isFolded);
        w.endMessage(start);
    }

    /** The profile's locations, then any that only samples reach, each once. */
    private static List<Location> locationsOf(Profile p) {
        List<Location> locations = new ArrayList<>(p.locations);
        Set<Location> known = identitySet(locations);
        for (Sample s : p.samples) {
            for (Location loc : s.locations) {
                if (known.add(loc)) {
                    locations.add(loc);
                }
            }
        }
        return locations;
    }

    /** Drops repeated entries (by identity) from {@code list} and returns the set of its members. */
    private static <T> Set<T> identitySet(List<T> list) {
        Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>(list.size() * 2));
        // A loop, not removeIf with a lambda: the first lambda of a run bootstraps
        // java.lang.invoke (~10 ms of a cold start, see docs/BENCHMARKS.md "JFR → pprof").
        for (java.util.Iterator<T> it = list.iterator(); it.hasNext(); ) {
            T x = it.next();
            if (x == null || !set.add(x)) {
                it.remove();
            }
        }
        return set;
    }

    /** The id of a mapping, location or function; by type rather than by lambda, as in {@link #identitySet}. */
    private static long id(Object o) {
        if (o instanceof Mapping m) {
            return m.id;
        }
        return o instanceof Location l ? l.id : ((Function) o).id;
    }

    private static void setId(Object o, long id) {
        if (o instanceof Mapping m) {
            m.id = id;
        } else if (o instanceof Location l) {
            l.id = id;
        } else {
            ((Function) o).id = id;
        }
    }

    /** Gives each of {@code objects} (mappings, locations or functions) a distinct non-zero id. */
    private static void assignIds(List<?> objects) {
        Set<Long> used = new HashSet<>(objects.size() * 2);
        long max = 0;
        boolean needFresh = false;
        for (Object o : objects) {
            long i = id(o);
            if (i != 0 && used.add(i)) {
                max = Math.max(max, i);
            } else {
                needFresh = true;
            }
        }
        if (!needFresh) {
            return;
        }
        // Second pass: the first holder of an id keeps it, later duplicates and zeros get new ones.
        Set<Long> kept = new HashSet<>(objects.size() * 2);
        long next = max + 1;
        for (Object o : objects) {
            long i = id(o);
            if (i == 0 || !kept.add(i)) {
                while (used.contains(next) || next == 0) {
                    next++;
                }
                used.add(next);
                kept.add(next);
                setId(o, next++);
            }
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Strings numbered in order of first use; index 0 is "" as profile.proto requires. */
    private static final class StringTable {
        private final Map<String, Integer> indexes = new HashMap<>();
        private final List<String> strings = new ArrayList<>();

        StringTable() {
            index("");
        }

        long index(String s) {
            if (s == null) {
                s = "";
            }
            Integer i = indexes.get(s);
            if (i == null) {
                i = strings.size();
                indexes.put(s, i);
                strings.add(s);
            }
            return i;
        }

        List<String> inOrder() {
            return strings;
        }
    }
}
