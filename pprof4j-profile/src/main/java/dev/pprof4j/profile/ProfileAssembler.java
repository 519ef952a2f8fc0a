package dev.pprof4j.profile;

import static dev.pprof4j.profile.ProtoFields.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The second pass of decoding: turns the messages {@link WireIndex} found into the object
 * model, resolving string indexes and ids and checking each one (pprof's postDecode and
 * CheckValid in one). Strings are decoded once per table entry and shared, so a function
 * name used by a million samples is one {@code String}.
 *
 * <p>It counts the heap the objects take as it makes them ({@link HeapBudget}'s sizes): the
 * scan's estimate knew each message's fixed cost, not what deep stacks, many lines or labels
 * add, so a profile whose contents swell past the budget is refused here, when the objects
 * made so far reach it and before the heap runs out.
 */
final class ProfileAssembler {
    private final byte[] buf;
    private final WireIndex index;
    private final String[] strings;
    private final ProtoReader r;
    private long[] ids = new long[64];
    private long[] values = new long[8];
    /** Location ids are 1, 2, 3... in order (as pprof and we write them): index, don't hash. */
    private boolean denseLocationIds = true;
    /** What the objects made so far take, and what they may: the budget less the buffer and the index. */
    private long made;
    private final long allowance;

    ProfileAssembler(byte[] buf, WireIndex index) {
        this.buf = buf;
        this.index = index;
        this.strings = new String[index.strings.count];
        this.r = new ProtoReader(buf, 0, 0);
        this.allowance = index.budget().limit() - index.bufferBytes - index.heapBytes();
        this.made = index.strings.count * HeapBudget.STRING_SLOT;
    }

    Profile assemble() throws ProfileFormatException {
        if (index.strings.count > 0 && index.strings.lengths[0] != 0) {
            throw malformed("string_table[0] must be the empty string");
        }
        Profile p = new Profile();
        for (int i = 0; i < index.sampleTypes.count; i++) {
            p.sampleTypes.add(valueType(index.sampleTypes.offsets[i], index.sampleTypes.lengths[i],
                    index.sampleTypes.origins[i]));
        }
        if (index.periodTypeOffset >= 0) {
            p.periodType = valueType(index.periodTypeOffset, index.periodTypeLength, index.periodTypeOrigin);
        }
        LongIndex mappingIds = new LongIndex(index.mappings.count);
        Mapping[] mappings = new Mapping[index.mappings.count];
        for (int i = 0; i < mappings.length; i++) {
            Mapping m = mapping(index.mappings.offsets[i], index.mappings.lengths[i], index.mappings.origins[i]);
            if (m.id == 0) {
                throw malformed("found mapping with reserved id 0");
            }
            if (!mappingIds.putIfAbsent(m.id, i)) {
                throw malformed("multiple mappings with same id: " + Long.toUnsignedString(m.id));
            }
            mappings[i] = m;
            p.mappings.add(m);
            charge(HeapBudget.MAPPING);
        }
        LongIndex functionIds = new LongIndex(index.functions.count);
        Function[] functions = new Function[index.functions.count];
        for (int i = 0; i < functions.length; i++) {
            Function f = function(index.functions.offsets[i], index.functions.lengths[i],
                    index.functions.origins[i]);
            if (f.id == 0) {
                throw malformed("found function with reserved id 0");
            }
            if (!functionIds.putIfAbsent(f.id, i)) {
                throw malformed("multiple functions with same id: " + Long.toUnsignedString(f.id));
            }
            functions[i] = f;
            p.functions.add(f);
            charge(HeapBudget.FUNCTION);
        }
        LongIndex locationIds = new LongIndex(index.locations.count);
        Location[] locations = new Location[index.locations.count];
        for (int i = 0; i < locations.length; i++) {
            Location l = location(index.locations.offsets[i], index.locations.lengths[i], index.locations.origins[i],
                    mappingIds, mappings, functionIds, functions);
            if (l.id == 0) {
                throw malformed("found location with reserved id 0");
            }
            if (!locationIds.putIfAbsent(l.id, i)) {
                throw malformed("multiple locations with same id: " + Long.toUnsignedString(l.id));
            }
            locations[i] = l;
            p.locations.add(l);
            charge(HeapBudget.LOCATION + l.lines.size() * HeapBudget.LINE);
            denseLocationIds &= l.id == i + 1;
        }
        int typeCount = p.sampleTypes.size();
        if (typeCount == 0 && index.samples.count > 0) {
            throw malformed("missing sample type information");
        }
        ((ArrayList<Sample>) p.samples).ensureCapacity(index.samples.count);
        for (int i = 0; i < index.samples.count; i++) {
            p.samples.add(sample(i, typeCount, locationIds, locations));
        }
        p.dropFrames = string(index.dropFrames, "drop_frames");
        p.keepFrames = string(index.keepFrames, "keep_frames");
        p.timeNanos = index.timeNanos;
        p.durationNanos = index.durationNanos;
        p.period = index.period;
        for (int i = 0; i < index.commentCount; i++) {
            p.comments.add(string(index.comments[i], "comment"));
        }
        p.defaultSampleType = string(index.defaultSampleType, "default_sample_type");
        p.docUrl = string(index.docUrl, "doc_url");
        return p;
    }

    private ValueType valueType(int offset, int length, int origin) throws ProfileFormatException {
        at(offset, length, origin);
        long type = 0;
        long unit = 0;
        while (r.more()) {
            int key = r.tag();
            switch (key >>> 3) {
                case VALUE_TYPE_TYPE -> type = varint(key, "ValueType.type");
                case VALUE_TYPE_UNIT -> unit = varint(key, "ValueType.unit");
                default -> r.skip(key & 7);
            }
        }
        return new ValueType(string(type, "sample type"), string(unit, "sample unit"));
    }

    private Mapping mapping(int offset, int length, int origin) throws ProfileFormatException {
        at(offset, length, origin);
        Mapping m = new Mapping();
        while (r.more()) {
            int key = r.tag();
            switch (key >>> 3) {
                case MAPPING_ID -> m.id = varint(key, "Mapping.id");
                case MAPPING_MEMORY_START -> m.memoryStart = varint(key, "Mapping.memory_start");
                case MAPPING_MEMORY_LIMIT -> m.memoryLimit = varint(key, "Mapping.memory_limit");
                case MAPPING_FILE_OFFSET -> m.fileOffset = varint(key, "Mapping.file_offset");
                case MAPPING_FILENAME -> m.file = string(varint(key, "Mapping.filename"), "mapping file");
                case MAPPING_BUILD_ID -> m.buildId = string(varint(key, "Mapping.build_id"), "build id");
                case MAPPING_HAS_FUNCTIONS -> m.hasFunctions = varint(key, "Mapping.has_functions") != 0;
                case MAPPING_HAS_FILENAMES -> m.hasFilenames = varint(key, "Mapping.has_filenames") != 0;
                case MAPPING_HAS_LINE_NUMBERS -> m.hasLineNumbers = varint(key, "Mapping.has_line_numbers") != 0;
                case MAPPING_HAS_INLINE_FRAMES -> m.hasInlineFrames = varint(key, "Mapping.has_inline_frames") != 0;
                default -> r.skip(key & 7);
            }
        }
        return m;
    }

    private Function function(int offset, int length, int origin) throws ProfileFormatException {
        at(offset, length, origin);
        Function f = new Function();
        while (r.more()) {
            int key = r.tag();
            switch (key >>> 3) {
                case FUNCTION_ID -> f.id = varint(key, "Function.id");
                case FUNCTION_NAME -> f.name = string(varint(key, "Function.name"), "function name");
                case FUNCTION_SYSTEM_NAME -> f.systemName = string(varint(key, "Function.system_name"), "system name");
                case FUNCTION_FILENAME -> f.filename = string(varint(key, "Function.filename"), "file name");
                case FUNCTION_START_LINE -> f.startLine = varint(key, "Function.start_line");
                default -> r.skip(key & 7);
            }
        }
        return f;
    }

    private Location location(int offset, int length, int origin, LongIndex mappingIds, Mapping[] mappings,
            LongIndex functionIds, Function[] functions) throws ProfileFormatException {
        at(offset, length, origin);
        Location l = new Location();
        while (r.more()) {
            int key = r.tag();
            switch (key >>> 3) {
                case LOCATION_ID -> l.id = varint(key, "Location.id");
                case LOCATION_MAPPING_ID -> {
                    // Like pprof, an id naming no mapping leaves the location unmapped.
                    int m = mappingIds.get(varint(key, "Location.mapping_id"));
                    l.mapping = m < 0 ? null : mappings[m];
                }
                case LOCATION_ADDRESS -> l.address = varint(key, "Location.address");
                case LOCATION_LINE -> {
                    r.expect(key, WIRE_LEN, "Location.line");
                    int lineEnd = r.length() + r.pos;
                    int outerEnd = r.end;
                    r.end = lineEnd;
                    long functionId = 0;
                    long line = 0;
                    long column = 0;
                    while (r.more()) {
                        int k = r.tag();
                        switch (k >>> 3) {
                            case LINE_FUNCTION_ID -> functionId = varint(k, "Line.function_id");
                            case LINE_LINE -> line = varint(k, "Line.line");
                            case LINE_COLUMN -> column = varint(k, "Line.column");
                            default -> r.skip(k & 7);
                        }
                    }
                    r.end = outerEnd;
                    int f = functionIds.get(functionId);
                    if (f < 0) {
                        throw malformed("location at byte " + origin + " has a line with "
                                + (functionId == 0 ? "no function" : "unknown function id "
                                + Long.toUnsignedString(functionId)));
                    }
                    l.lines.add(new Line(functions[f], line, column));
                }
                case LOCATION_IS_FOLDED -> l.isFolded = varint(key, "Location.is_folded") != 0;
                default -> r.skip(key & 7);
            }
        }
        return l;
    }

    private Sample sample(int i, int typeCount, LongIndex locationIds, Location[] locations)
            throws ProfileFormatException {
        int offset = index.samples.offsets[i];
        int origin = index.samples.origins[i];
        at(offset, index.samples.lengths[i], origin);
        int idCount = 0;
        int valueCount = 0;
        int labelsAt = -1;
        while (r.more()) {
            int key = r.tag();
            switch (key >>> 3) {
                case SAMPLE_LOCATION_ID -> {
                    if ((key & 7) == WIRE_LEN) {
                        int end = r.length() + r.pos;
                        int outerEnd = r.end;
                        r.end = end;
                        while (r.more()) {
                            ids = append(ids, idCount++, r.varint());
                        }
                        r.end = outerEnd;
                    } else {
                        ids = append(ids, idCount++, varint(key, "Sample.location_id"));
                    }
                }
                case SAMPLE_VALUE -> {
                    if ((key & 7) == WIRE_LEN) {
                        int end = r.length() + r.pos;
                        int outerEnd = r.end;
                        r.end = end;
                        while (r.more()) {
                            values = append(values, valueCount++, r.varint());
                        }
                        r.end = outerEnd;
                    } else {
                        values = append(values, valueCount++, varint(key, "Sample.value"));
                    }
                }
                case SAMPLE_LABEL -> {
                    r.expect(key, WIRE_LEN, "Sample.label");
                    if (labelsAt < 0) {
                        labelsAt = r.pos - 1;
                    }
                    int labelLength = r.length();
                    r.pos += labelLength; // labels are rare: read in a second look below
                }
                default -> r.skip(key & 7);
            }
        }
        if (valueCount != typeCount) {
            throw malformed("sample at byte " + origin + " has " + valueCount + " values for "
                    + typeCount + " sample types");
        }
        List<Location> stack = new ArrayList<>(idCount);
        for (int j = 0; j < idCount; j++) {
            long id = ids[j];
            int l = !denseLocationIds ? locationIds.get(id) : id >= 1 && id <= locations.length ? (int) id - 1 : -1;
            if (l < 0) {
                throw malformed("sample at byte " + origin + " refers to location id "
                        + Long.toUnsignedString(ids[j]) + ", which the profile does not have");
            }
            stack.add(locations[l]);
        }
        // Merged samples' values are the sums, not the first one's.
        long[] sampleValues = index.aggregator != null ? index.aggregator.values(i) : Arrays.copyOf(values, valueCount);
        Sample s = new Sample(stack, sampleValues);
        charge(HeapBudget.SAMPLE + (idCount == 0 ? 0 : HeapBudget.SAMPLE_STACK + idCount * HeapBudget.REFERENCE)
                + (valueCount - 1) * HeapBudget.VALUE);
        if (labelsAt >= 0) {
            labels(s, offset, index.samples.lengths[i], origin);
        }
        return s;
    }

    /** pprof's rule: a label with a string is a string label, else one with a number or unit is numeric. */
    private void labels(Sample s, int offset, int length, int origin) throws ProfileFormatException {
        at(offset, length, origin);
        while (r.more()) {
            int key = r.tag();
            if ((key >>> 3) != SAMPLE_LABEL) {
                r.skip(key & 7);
                continue;
            }
            int end = r.length() + r.pos;
            int outerEnd = r.end;
            r.end = end;
            long k = 0;
            long str = 0;
            long num = 0;
            long unit = 0;
            while (r.more()) {
                int t = r.tag();
                switch (t >>> 3) {
                    case LABEL_KEY -> k = varint(t, "Label.key");
                    case LABEL_STR -> str = varint(t, "Label.str");
                    case LABEL_NUM -> num = varint(t, "Label.num");
                    case LABEL_NUM_UNIT -> unit = varint(t, "Label.num_unit");
                    default -> r.skip(t & 7);
                }
            }
            r.end = outerEnd;
            String labelKey = string(k, "label key");
            if (str != 0) {
                charge(s.labels.isEmpty() ? HeapBudget.LABEL_MAP + HeapBudget.LABEL : HeapBudget.LABEL);
                s.addLabel(labelKey, string(str, "label value"));
            } else if (num != 0 || unit != 0) {
                // two maps (values and units), and the value boxed
                charge(2 * (s.numLabels.isEmpty() ? HeapBudget.LABEL_MAP + HeapBudget.LABEL : HeapBudget.LABEL)
                        + 16);
                s.addNumLabel(labelKey, num, string(unit, "label unit"));
            }
        }
    }

    /** Reads the message at {@code buf[offset, offset + length)}, which lies at {@code origin} in the profile. */
    private void at(int offset, int length, int origin) {
        r.pos = offset;
        r.end = offset + length;
        r.origin = origin - offset;
    }

    private long varint(int key, String field) throws ProfileFormatException {
        r.expect(key, WIRE_VARINT, field);
        return r.varint();
    }

    private static long[] append(long[] a, int i, long v) {
        if (i == a.length) {
            a = Arrays.copyOf(a, i * 2);
        }
        a[i] = v;
        return a;
    }

    String string(long i, String what) throws ProfileFormatException {
        if (i == 0 && strings.length == 0) {
            return "";
        }
        if (i < 0 || i >= strings.length) {
            throw malformed(what + " refers to string " + i + " but the string table has "
                    + strings.length + " entries");
        }
        String s = strings[(int) i];
        if (s == null) {
            int length = index.strings.lengths[(int) i];
            charge(HeapBudget.STRING + length);
            s = r.string(index.strings.offsets[(int) i], length);
            strings[(int) i] = s;
        }
        return s;
    }

    /** Counts {@code bytes} more of objects; refuses the profile when they pass the allowance. */
    private void charge(long bytes) throws ProfileFormatException {
        made += bytes;
        if (made > allowance) {
            throw index.budget().refuse("its " + index.samples.count + " samples, " + index.locations.count
                    + " locations and " + index.functions.count + " functions",
                    made + index.bufferBytes + index.heapBytes());
        }
    }

    private static ProfileFormatException malformed(String message) {
        return new ProfileFormatException("malformed profile: " + message);
    }
}
