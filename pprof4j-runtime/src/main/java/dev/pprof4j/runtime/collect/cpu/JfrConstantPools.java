package dev.pprof4j.runtime.collect.cpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The constant pools of one chunk that stack samples refer to, read only when a sample needs an
 * entry. A checkpoint event holds pools one after another, each a type id, a count and entries
 * of a key and a value written like any value of that type. Indexing remembers where each entry
 * of the pools named in {@link #RESOLVED} starts and skips every value; a stack, method, class,
 * symbol or thread is decoded when the first sample names it, and once a chunk. async-profiler
 * repeats every stack seen since the recording started in every chunk, so most of a pool is
 * never decoded. A key a pool does not hold resolves to null, as in the JDK's reader.
 */
final class JfrConstantPools {
    static final String STRING = "java.lang.String";
    static final String SYMBOL = "jdk.types.Symbol";
    static final String FRAME_TYPE = "jdk.types.FrameType";
    static final String CLASS = "java.lang.Class";
    static final String METHOD = "jdk.types.Method";
    static final String THREAD = "java.lang.Thread";
    static final String STACK_TRACE = "jdk.types.StackTrace";
    private static final List<String> RESOLVED = List.of(STRING, SYMBOL, FRAME_TYPE, CLASS, METHOD, THREAD, STACK_TRACE);

    /** One frame as the JDK's {@code RecordedFrame} shows it; a null method means the key resolved to nothing. */
    record Frame(String type, boolean hasMethod, String owner, String method, int line) {
    }

    private final JfrInput in;
    private final JfrMetadata metadata;
    /** By type id: each entry's key and where its value starts. */
    private final Map<Long, JfrPoolIndex> offsets = new HashMap<>();
    private final Map<Long, Map<Long, Object>> decoded = new HashMap<>();
    private final JfrInput.StringPool strings = this::string;
    /** A stack names a method, its class, the class's symbol, maybe a pooled string: never deeper. */
    private static final int MAX_RESOLVING = 8;
    /**
     * Far more than a chunk of async-profiler's 16 MiB recordings holds, and a bound on what a
     * hostile one makes this reader keep: 8 bytes an entry.
     */
    static final int MAX_INDEXED = 1 << 20;
    private int indexed;
    private int resolving;

    JfrConstantPools(JfrInput in, JfrMetadata metadata) {
        this.in = in;
        this.metadata = metadata;
        for (String name : RESOLVED) {
            JfrMetadata.Type type = metadata.type(name);
            if (type != null) {
                offsets.put(type.id, new JfrPoolIndex());
                decoded.put(type.id, new HashMap<>());
            }
        }
    }

    /** Indexes the pools of a checkpoint event; {@code in} stands after its start time and duration. */
    void index() throws JfrFormatException {
        in.readLong(); // offset of the previous checkpoint: every event is walked in order anyway
        in.readByte(); // checkpoint kind (flush, ...), or the older flush flag
        int pools = in.readCount("constant pool");
        for (int p = 0; p < pools; p++) {
            long typeId = in.readLong();
            JfrMetadata.Type type = metadata.type(typeId);
            if (type == null) {
                throw in.error("a constant pool of undeclared type " + typeId);
            }
            JfrPoolIndex entries = offsets.get(typeId);
            int count = in.readCount("constant pool entry");
            for (int i = 0; i < count; i++) {
                long key = in.readLong();
                if (entries != null) {
                    if (++indexed > MAX_INDEXED) {
                        throw in.error("more than " + MAX_INDEXED + " entries in the pools of stacks, methods, classes,"
                                + " symbols and threads");
                    }
                    if (!entries.add(key, in.position())) {
                        throw in.error("constant pool key " + key + " of " + type.name + " exceeds 32 bits");
                    }
                }
                metadata.skipValue(in, type, 0);
            }
        }
    }

    String string(long key) throws JfrFormatException {
        Object value = resolve(STRING, key);
        return (String) value;
    }

    /** A stack trace's frames, leaf first; null when the pool has no such key. */
    @SuppressWarnings("unchecked")
    List<Frame> stackTrace(long key) throws JfrFormatException {
        return (List<Frame>) resolve(STACK_TRACE, key);
    }

    /** The thread's Java name, else its OS name, else "" (how pprof4j labels a sample's thread); null when unknown. */
    String threadName(long key) throws JfrFormatException {
        return (String) resolve(THREAD, key);
    }

    private Object resolve(String typeName, long key) throws JfrFormatException {
        JfrMetadata.Type type = metadata.type(typeName);
        if (type == null) {
            return null;
        }
        Map<Long, Object> cache = decoded.get(type.id);
        Object value = cache == null ? null : cache.get(key);
        if (cache == null || value != null || cache.containsKey(key)) {
            return value;
        }
        JfrPoolIndex entries = offsets.get(type.id);
        int offset = entries == null ? -1 : entries.offset(key);
        if (offset < 0) {
            return null;
        }
        if (resolving >= MAX_RESOLVING) {
            throw in.error("constant pool entries refer to each other deeper than " + MAX_RESOLVING);
        }
        int back = in.position();
        resolving++;
        try {
            in.seek(offset);
            Object raw = read(type, 0);
            value = switch (typeName) {
                case SYMBOL, FRAME_TYPE -> text(type, raw);
                case CLASS -> className(type, (Object[]) raw);
                case THREAD -> threadName(type, (Object[]) raw);
                case METHOD -> (Object) raw;
                case STACK_TRACE -> frames(type, (Object[]) raw);
                default -> raw;
            };
        } finally {
            resolving--;
            in.seek(back);
        }
        cache.put(key, value);
        return value;
    }

    /** A value as Java objects: numbers as Long, constant pool fields as their key (Long), structs as Object[]. */
    private Object read(JfrMetadata.Type type, int depth) throws JfrFormatException {
        switch (type.kind) {
            case BOOLEAN:
                return in.readBoolean();
            case BYTE:
                return (long) in.readByte();
            case CHAR, SHORT, INT, LONG:
                return in.readLong();
            case FLOAT:
                in.skip(4);
                return null;
            case DOUBLE:
                in.skip(8);
                return null;
            case STRING:
                return in.readString(strings);
            default:
                if (depth >= 32) {
                    throw in.error("type " + type.name + " nests too deep");
                }
                Object[] fields = new Object[type.fields.size()];
                for (int i = 0; i < fields.length; i++) {
                    JfrMetadata.Field f = type.fields.get(i);
                    if (f.array()) {
                        int count = in.readCount("array element");
                        List<Object> elements = new ArrayList<>(Math.min(count, 64));
                        for (int e = 0; e < count; e++) {
                            int before = in.position();
                            elements.add(f.constantPool() ? in.readLong() : read(metadata.type(f.typeId()), depth + 1));
                            if (in.position() == before) {
                                throw in.error("an element of array " + type.name + "." + f.name() + " takes no bytes");
                            }
                        }
                        fields[i] = elements;
                    } else {
                        fields[i] = f.constantPool() ? (Object) in.readLong() : read(metadata.type(f.typeId()), depth + 1);
                    }
                }
                return fields;
        }
    }

    /** A field's value in a struct read by {@link #read}; null when the type has no such field. */
    private static Object field(JfrMetadata.Type type, Object[] raw, String name) {
        int i = type.field(name);
        return i < 0 ? null : raw[i];
    }

    /**
     * A pool field's value: the entry its key names in the pool of {@code pool}. A field of any
     * other type reads as null, so no entry can lead back to one being decoded.
     */
    private Object referenced(JfrMetadata.Type type, Object[] raw, String name, String pool) throws JfrFormatException {
        int i = type.field(name);
        if (i < 0) {
            return null;
        }
        JfrMetadata.Field f = type.fields.get(i);
        JfrMetadata.Type target = metadata.type(f.typeId());
        if (!f.constantPool() || f.array() || !pool.equals(target.name) || !(raw[i] instanceof Long key)) {
            return null;
        }
        return resolve(pool, key);
    }

    /** Symbols and frame types are read as their one string, as the JDK's reader flattens them. */
    private static String text(JfrMetadata.Type type, Object raw) {
        if (raw instanceof Object[] fields && fields.length == 1 && fields[0] instanceof String s) {
            return s;
        }
        return raw instanceof String s ? s : null;
    }

    private String className(JfrMetadata.Type type, Object[] raw) throws JfrFormatException {
        Object name = referenced(type, raw, "name", SYMBOL);
        return name instanceof String s ? s.replace('/', '.') : null;
    }

    private String threadName(JfrMetadata.Type type, Object[] raw) {
        Object javaName = field(type, raw, "javaName");
        Object osName = field(type, raw, "osName");
        return javaName instanceof String s ? s : osName instanceof String s ? s : "";
    }

    private List<Frame> frames(JfrMetadata.Type type, Object[] raw) throws JfrFormatException {
        int i = type.field("frames");
        if (i < 0 || !(raw[i] instanceof List<?> elements)) {
            return List.of();
        }
        JfrMetadata.Type frameType = metadata.type(type.fields.get(i).typeId());
        List<Frame> frames = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (!(element instanceof Object[] frame)) {
                throw in.error("a stack frame is not a struct");
            }
            Object kind = referenced(frameType, frame, "type", FRAME_TYPE);
            Object line = field(frameType, frame, "lineNumber");
            Object method = referenced(frameType, frame, "method", METHOD);
            JfrMetadata.Type methodType = metadata.type(METHOD);
            if (method instanceof Object[] m && methodType != null) {
                Object owner = referenced(methodType, m, "type", CLASS);
                Object name = referenced(methodType, m, "name", SYMBOL);
                frames.add(new Frame((String) kind, true, (String) owner, (String) name, lineOf(line)));
            } else {
                frames.add(new Frame((String) kind, false, null, null, lineOf(line)));
            }
        }
        return List.copyOf(frames);
    }

    private static int lineOf(Object line) {
        return line instanceof Long l ? l.intValue() : -1;
    }
}
