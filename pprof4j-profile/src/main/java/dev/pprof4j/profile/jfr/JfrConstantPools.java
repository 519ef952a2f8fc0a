package dev.pprof4j.profile.jfr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The constant pools of one chunk that events refer to, read only when an event needs an
 * entry. A checkpoint event holds pools one after another, each a type id, a count and entries
 * of a key and a value written like any value of that type. Indexing remembers where each entry
 * of the pools named in {@link #RESOLVED} starts and skips every value; a stack, method, class,
 * symbol or thread is decoded when the first event names it, and once a chunk. async-profiler
 * repeats every stack seen since the recording started in every chunk, and a JDK chunk holds
 * every method of every class that a stack named, so most of a pool is never decoded. A key a
 * pool does not hold resolves to null, as in the JDK's reader.
 */
public final class JfrConstantPools implements JfrInput.StringPool {
    static final String STRING = "java.lang.String";
    static final String SYMBOL = "jdk.types.Symbol";
    static final String FRAME_TYPE = "jdk.types.FrameType";
    static final String CLASS = "java.lang.Class";
    static final String METHOD = "jdk.types.Method";
    static final String THREAD = "java.lang.Thread";
    static final String STACK_TRACE = "jdk.types.StackTrace";
    private static final List<String> RESOLVED = List.of(STRING, SYMBOL, FRAME_TYPE, CLASS, METHOD, THREAD, STACK_TRACE);

    /**
     * One frame as the JDK's {@code RecordedFrame} shows it: the frame type, the method's key
     * (equal keys, equal methods, within a chunk), whether that key resolved, the class (dotted)
     * and method names (null where they resolve to nothing), the line or -1.
     */
    public record Frame(String type, long methodKey, boolean hasMethod, String owner, String method, int line) {
    }

    /** A stack trace's frames, leaf first; truncated when the writer cut its root end off. */
    public record Stack(List<Frame> frames, boolean truncated) {
    }

    /** The checkpoint events indexed; an entry's offset falls in one of them. */
    private final List<JfrInput> checkpoints = new ArrayList<>();
    private JfrInput in;
    private final JfrMetadata metadata;
    /** By type id: each entry's key and where its value starts. */
    private final Map<Long, JfrPoolIndex> offsets = new HashMap<>();
    private final Map<Long, Map<Long, Object>> decoded = new HashMap<>();
    /** A stack names a method, its class, the class's symbol, maybe a pooled string: never deeper. */
    private static final int MAX_RESOLVING = 8;
    private final int maxIndexed;
    private int indexed;
    private int resolving;

    /** @param maxIndexed the most entries of the resolved pools indexed: a bound on what a hostile chunk makes this keep */
    JfrConstantPools(JfrMetadata metadata, int maxIndexed) {
        this.metadata = metadata;
        this.maxIndexed = maxIndexed;
        for (String name : RESOLVED) {
            JfrMetadata.Type type = metadata.type(name);
            if (type != null) {
                offsets.put(type.id, new JfrPoolIndex());
                decoded.put(type.id, new HashMap<>());
            }
        }
    }

    /** Indexes the pools of a checkpoint event, which {@code in} holds; it stands at their count. */
    void index(JfrInput in) throws JfrFormatException {
        checkpoints.add(in);
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
                    if (++indexed > maxIndexed) {
                        throw in.error("more than " + maxIndexed + " entries in the pools of stacks, methods, classes,"
                                + " symbols and threads");
                    }
                    entries.add(key, in.position());
                }
                metadata.skipValue(in, type, 0);
            }
        }
    }

    /** The pooled string of that key, or null. */
    @Override
    public String string(long key) throws JfrFormatException {
        Object value = resolve(STRING, key);
        return (String) value;
    }

    /** A stack trace; null when the pool has no such key. The same chunk hands the same object for the same key. */
    public Stack stackTrace(long key) throws JfrFormatException {
        return (Stack) resolve(STACK_TRACE, key);
    }

    /** The thread's Java name, else its OS name, else "" (how pprof4j labels a sample's thread); null when unknown. */
    public String threadName(long key) throws JfrFormatException {
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
        JfrInput holder = holder(offset);
        if (resolving >= MAX_RESOLVING) {
            throw holder.error("constant pool entries refer to each other deeper than " + MAX_RESOLVING);
        }
        JfrInput outer = in;
        int back = holder.position();
        resolving++;
        try {
            in = holder;
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
            holder.seek(back);
            in = outer;
        }
        cache.put(key, value);
        return value;
    }

    /** The checkpoint event that holds chunk position {@code offset}; most chunks have one. */
    private JfrInput holder(int offset) throws JfrFormatException {
        for (JfrInput checkpoint : checkpoints) {
            if (checkpoint.holds(offset)) {
                return checkpoint;
            }
        }
        throw checkpoints.get(0).error("a pool entry at " + offset + " lies in no checkpoint");
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
                return in.readString(this);
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
                            elements.add(f.constantPool() ? in.readLong() : read(f.type(), depth + 1));
                            if (in.position() == before) {
                                throw in.error("an element of array " + type.name + "." + f.name() + " takes no bytes");
                            }
                        }
                        fields[i] = elements;
                    } else {
                        fields[i] = f.constantPool() ? (Object) in.readLong() : read(f.type(), depth + 1);
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
        JfrMetadata.Type target = f.type();
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

    private Stack frames(JfrMetadata.Type type, Object[] raw) throws JfrFormatException {
        boolean truncated = field(type, raw, "truncated") instanceof Boolean b && b;
        int i = type.field("frames");
        if (i < 0 || !(raw[i] instanceof List<?> elements)) {
            return new Stack(List.of(), truncated);
        }
        JfrMetadata.Type frameType = type.fields.get(i).type();
        List<Frame> frames = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (!(element instanceof Object[] frame)) {
                throw in.error("a stack frame is not a struct");
            }
            Object kind = referenced(frameType, frame, "type", FRAME_TYPE);
            Object line = field(frameType, frame, "lineNumber");
            Object method = referenced(frameType, frame, "method", METHOD);
            long methodKey = field(frameType, frame, "method") instanceof Long k ? k : 0;
            JfrMetadata.Type methodType = metadata.type(METHOD);
            if (method instanceof Object[] m && methodType != null) {
                Object owner = referenced(methodType, m, "type", CLASS);
                Object name = referenced(methodType, m, "name", SYMBOL);
                frames.add(new Frame((String) kind, methodKey, true, (String) owner, (String) name, lineOf(line)));
            } else {
                frames.add(new Frame((String) kind, methodKey, false, null, null, lineOf(line)));
            }
        }
        return new Stack(List.copyOf(frames), truncated);
    }

    private static int lineOf(Object line) {
        return line instanceof Long l ? l.intValue() : -1;
    }
}
