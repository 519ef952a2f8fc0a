package dev.pprof4j.cli.input;

import dev.pprof4j.cli.input.JfrMetadata.Field;
import dev.pprof4j.cli.input.JfrMetadata.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The constants of one chunk that stacks are made of: symbols, classes, methods and stack
 * traces (and strings, which other strings may point at). Other pools (threads, class
 * loaders, GC names ...) are skipped value by value with the metadata's field lists.
 *
 * <p>A chunk's constant-pool events form a chain: the header points at the last one, and
 * each holds the distance to the one before it, 0 ending the chain. Flushes (JDK 14+
 * streaming) make several per chunk; a key seen again simply gets its value again.
 */
final class JfrConstantPools implements JfrInput.StringPool {
    static final long CONSTANT_POOL_EVENT = 1;

    /** A stack trace, leaf first: method constant keys and line numbers; truncated when JFR cut its root end. */
    record Stack(long[] methods, int[] lines, boolean truncated) { }

    /** A method: its class's constant key and its name's symbol key. */
    record Method(long classKey, long nameKey) { }

    final Map<Long, String> strings = new HashMap<>();
    final Map<Long, String> symbols = new HashMap<>();
    /** Class constant key to the symbol key of its name. */
    final Map<Long, Long> classNames = new HashMap<>();
    final Map<Long, Method> methods = new HashMap<>();
    /**
     * Where each stack trace's value starts: the constant-pool event holding it (an index into
     * {@link #events}) in the high half, its position in the chunk in the low half. A stack is
     * decoded only when an event that is converted names it (events of kinds not asked for,
     * and the chunk's other events, name most stacks).
     */
    private final Map<Long, Long> stackPositions = new HashMap<>();
    /** The constant-pool events read that hold stack traces. */
    private final List<JfrInput> events = new ArrayList<>();

    private final JfrMetadata metadata;
    // jdk.types.StackTrace's layout, found at its first pool
    private List<Field> stackFields;
    private int framesField;
    /** jdk.types.StackTrace's "truncated" flag, or -1 when a recording's metadata has none. */
    private int truncatedField;
    private List<Field> frameFields;
    private int methodField;
    private int lineField;

    private JfrConstantPools(JfrMetadata metadata) {
        this.metadata = metadata;
    }

    /** The stack trace of that constant key, or null when the chunk has none of that key. */
    Stack stack(long key) {
        Long where = stackPositions.get(key);
        if (where == null) {
            return null;
        }
        JfrInput in = events.get((int) (where >>> 32)).at((int) (long) where);
        long[] methods = null;
        int[] lines = null;
        boolean truncated = false;
        for (int f = 0; f < stackFields.size(); f++) {
            if (f == truncatedField) {
                truncated = metadata.readScalar(in, stackFields.get(f)) != 0;
                continue;
            }
            if (f != framesField) {
                metadata.skip(in, stackFields.get(f), 0);
                continue;
            }
            int depth = in.readCount("stack frame");
            methods = new long[depth];
            lines = new int[depth];
            for (int d = 0; d < depth; d++) {
                for (int ff = 0; ff < frameFields.size(); ff++) {
                    if (ff == methodField) {
                        methods[d] = metadata.readScalar(in, frameFields.get(ff));
                    } else if (ff == lineField) {
                        lines[d] = (int) metadata.readScalar(in, frameFields.get(ff));
                    } else {
                        metadata.skip(in, frameFields.get(ff), 0);
                    }
                }
            }
        }
        return methods == null ? null : new Stack(methods, lines, truncated);
    }

    @Override
    public String string(long key) {
        return strings.getOrDefault(key, "");
    }

    static JfrConstantPools read(JfrChunkFile chunk, long lastPoolPosition, JfrMetadata metadata) {
        JfrConstantPools pools = new JfrConstantPools(metadata);
        Set<Long> visited = new HashSet<>();
        long position = lastPoolPosition;
        while (true) {
            if (!visited.add(position)) {
                throw new JfrFormatException("constant pool chain loops back to " + position);
            }
            long size = chunk.sizeAt(position, "constant pool event");
            if (size <= 0 || size > chunk.size() - position) {
                throw new JfrFormatException("the constant pool event at " + position + " claims " + size
                        + " bytes; the chunk has " + (chunk.size() - position) + " from there");
            }
            JfrInput in = chunk.read(position, size, "constant pool event");
            in.readVarLong(); // its size, read above
            long typeId = in.readVarLong();
            if (typeId != CONSTANT_POOL_EVENT) {
                throw new JfrFormatException("expected a constant pool event at " + position + ", found type " + typeId);
            }
            in.readVarLong(); // start time
            in.readVarLong(); // duration
            long delta = in.readVarLong();
            in.readByte(); // flush or not
            for (int pool = in.readCount("constant pool"); pool > 0; pool--) {
                pools.readPool(in);
            }
            if (in.position != position + size) {
                throw new JfrFormatException("constant pool event at " + position + " claims " + size
                        + " bytes but holds " + (in.position - position));
            }
            if (delta == 0) {
                return pools;
            }
            position += delta;
        }
    }

    private void readPool(JfrInput in) {
        Type type = metadata.type(in.readVarLong());
        int count = in.readCount(type.name + " constant");
        switch (type.name) {
            case "java.lang.String" -> {
                for (int i = 0; i < count; i++) {
                    long key = in.readVarLong();
                    strings.put(key, in.readString(null));
                }
            }
            case "jdk.types.Symbol" -> {
                int string = type.fieldIndex("string");
                for (int i = 0; i < count; i++) {
                    long key = in.readVarLong();
                    symbols.put(key, readStringField(in, type, string));
                }
            }
            case "java.lang.Class" -> {
                int name = type.fieldIndex("name");
                for (int i = 0; i < count; i++) {
                    long key = in.readVarLong();
                    classNames.put(key, readScalarField(in, type, name));
                }
            }
            case "jdk.types.Method" -> readMethods(in, type, count);
            case "jdk.types.StackTrace" -> readStacks(in, type, count);
            default -> {
                for (int i = 0; i < count; i++) {
                    in.readVarLong();
                    metadata.skipValue(in, type, 0);
                }
            }
        }
    }

    private void readMethods(JfrInput in, Type type, int count) {
        int classField = type.fieldIndex("type");
        int nameField = type.fieldIndex("name");
        List<Field> fields = type.fields;
        for (int i = 0; i < count; i++) {
            long key = in.readVarLong();
            long classKey = 0;
            long nameKey = 0;
            for (int f = 0; f < fields.size(); f++) {
                if (f == classField) {
                    classKey = metadata.readScalar(in, fields.get(f));
                } else if (f == nameField) {
                    nameKey = metadata.readScalar(in, fields.get(f));
                } else {
                    metadata.skip(in, fields.get(f), 0);
                }
            }
            methods.put(key, new Method(classKey, nameKey));
        }
    }

    private void readStacks(JfrInput in, Type type, int count) {
        if (stackFields == null) {
            int frames = type.fieldIndex("frames");
            List<Field> fields = type.fields;
            if (frames < 0 || !fields.get(frames).array || fields.get(frames).constantPool) {
                throw new JfrFormatException("jdk.types.StackTrace has no list of frames");
            }
            Type frameType = fields.get(frames).type;
            stackFields = fields;
            framesField = frames;
            truncatedField = type.fieldIndex("truncated");
            frameFields = frameType.fields;
            methodField = frameType.fieldIndex("method");
            lineField = frameType.fieldIndex("lineNumber");
        }
        if (events.isEmpty() || events.get(events.size() - 1) != in) {
            events.add(in);
        }
        long event = (long) (events.size() - 1) << 32;
        for (int i = 0; i < count; i++) {
            long key = in.readVarLong();
            stackPositions.put(key, event | in.position);
            for (Field field : stackFields) {
                metadata.skip(in, field, 0);
            }
        }
    }

    private String readStringField(JfrInput in, Type type, int index) {
        String value = null;
        for (int f = 0; f < type.fields.size(); f++) {
            Field field = type.fields.get(f);
            if (f == index && field.isInlineString()) {
                value = in.readString(this);
            } else {
                metadata.skip(in, field, 0);
            }
        }
        return value;
    }

    private long readScalarField(JfrInput in, Type type, int index) {
        long value = 0;
        for (int f = 0; f < type.fields.size(); f++) {
            if (f == index) {
                value = metadata.readScalar(in, type.fields.get(f));
            } else {
                metadata.skip(in, type.fields.get(f), 0);
            }
        }
        return value;
    }
}
