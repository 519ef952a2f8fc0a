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

    /**
     * A stack trace as keys: each frame's method key and line (-1 for none), leaf first, and
     * the frame type keys (-1 for none); no object per frame.
     */
    public record RawStack(long[] methods, int[] lines, long[] kinds, boolean truncated) {
    }

    /** A method's class (dotted) and name; either null where its key resolves to nothing. */
    public record MethodNames(String owner, String name) {
    }

    /** The checkpoint events indexed; an entry's offset falls in one of them. */
    private final List<JfrInput> checkpoints = new ArrayList<>();
    /** The checkpoint the entry being decoded lies in. */
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
    /** Found at the first stack decoded. */
    private StackLayout stackLayout;

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

    /** Indexes the pools of a checkpoint event, which {@code checkpoint} holds; it stands at their count. */
    void index(JfrInput checkpoint) throws JfrFormatException {
        checkpoints.add(checkpoint);
        JfrInput in = checkpoint;
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

    /**
     * A stack trace as keys, decoded again at each call and not kept, for a caller that keeps
     * its own result per stack key and names each method once (the command line's conversion:
     * a chunk's frames are most of what it would otherwise allocate). Null when the pool has no
     * such key.
     */
    public RawStack readStackTrace(long key) throws JfrFormatException {
        JfrMetadata.Type type = metadata.type(STACK_TRACE);
        JfrPoolIndex entries = type == null ? null : offsets.get(type.id);
        int offset = entries == null ? -1 : entries.offset(key);
        if (offset < 0) {
            return null;
        }
        JfrInput holder = holder(offset);
        JfrInput outer = in;
        int back = holder.position();
        try {
            in = holder;
            in.seek(offset);
            return rawStack(type);
        } finally {
            holder.seek(back);
            in = outer;
        }
    }

    /** The class and name of the method of that key; null when the pool has no such key. */
    public MethodNames method(long key) throws JfrFormatException {
        return (MethodNames) resolve(METHOD, key);
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
            if (typeName.equals(STACK_TRACE)) {
                value = stack(type); // the most decoded: read straight into frames, not as generic values
            } else {
                Object raw = read(type, 0);
                value = switch (typeName) {
                    case SYMBOL, FRAME_TYPE -> text(type, raw);
                    case CLASS -> className(type, (Object[]) raw);
                    case THREAD -> threadName(type, (Object[]) raw);
                    case METHOD -> methodNames(type, (Object[]) raw);
                    default -> raw;
                };
            }
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

    private MethodNames methodNames(JfrMetadata.Type type, Object[] raw) throws JfrFormatException {
        return new MethodNames((String) referenced(type, raw, "type", CLASS), (String) referenced(type, raw, "name", SYMBOL));
    }

    /**
     * A stack trace entry, {@code in} standing at its value: the truncated flag and the frames,
     * each frame's method key, line and frame type read by the field indexes of {@link StackLayout}
     * and the rest skipped. What a field of another shape than the JDK's holds reads as absent.
     */
    private Stack stack(JfrMetadata.Type type) throws JfrFormatException {
        RawStack raw = rawStack(type);
        StackLayout layout = stackLayout;
        Frame[] frames = new Frame[raw.methods().length];
        for (int i = 0; i < frames.length; i++) {
            long methodKey = raw.methods()[i];
            String kind = raw.kinds()[i] < 0 ? null : layout.kind(raw.kinds()[i]);
            MethodNames names = layout.method < 0 ? null : layout.method(methodKey);
            frames[i] = names == null ? new Frame(kind, methodKey, false, null, null, raw.lines()[i])
                    : new Frame(kind, methodKey, true, names.owner(), names.name(), raw.lines()[i]);
        }
        return new Stack(List.of(frames), raw.truncated());
    }

    private RawStack rawStack(JfrMetadata.Type type) throws JfrFormatException {
        if (stackLayout == null) {
            stackLayout = new StackLayout(type);
        }
        StackLayout layout = stackLayout;
        boolean truncated = false;
        RawStack frames = null;
        for (int f = 0; f < type.fields.size(); f++) {
            JfrMetadata.Field field = type.fields.get(f);
            if (f == layout.truncated) {
                truncated = in.readBoolean();
            } else if (f == layout.frames) {
                frames = frames(field.type(), layout);
            } else {
                metadata.skip(in, field);
            }
        }
        return frames == null ? new RawStack(new long[0], new int[0], new long[0], truncated)
                : new RawStack(frames.methods(), frames.lines(), frames.kinds(), truncated);
    }

    private RawStack frames(JfrMetadata.Type frameType, StackLayout layout) throws JfrFormatException {
        int count = in.readCount("array element");
        long[] methods = new long[count];
        int[] lines = new int[count];
        long[] kinds = new long[count];
        List<JfrMetadata.Field> fields = frameType.fields;
        for (int i = 0; i < count; i++) {
            int before = in.position();
            long methodKey = 0;
            long kindKey = -1;
            int line = -1;
            for (int f = 0; f < fields.size(); f++) {
                if (f == layout.method) {
                    methodKey = in.readLong();
                } else if (f == layout.line) {
                    line = (int) metadata.readScalar(in, fields.get(f));
                } else if (f == layout.kind) {
                    kindKey = in.readLong();
                } else {
                    metadata.skip(in, fields.get(f));
                }
            }
            if (in.position() == before) {
                throw in.error("an element of array frames takes no bytes");
            }
            methods[i] = methodKey;
            lines[i] = line;
            kinds[i] = kindKey;
        }
        return new RawStack(methods, lines, kinds, false);
    }

    /** Where a chunk's stack traces and frames hold the fields read; -1 for one absent or of another shape. */
    private final class StackLayout {
        final int truncated;
        final int frames;
        final int method;
        final int line;
        final int kind;

        /** Frame types by key: a handful, with small keys ("Interpreted", "JIT compiled", ...). */
        private final String[] kinds = new String[64];
        private final Map<Long, Object> methods;

        /** The frame type of that key, or null. */
        String kind(long key) throws JfrFormatException {
            if (key >= kinds.length) {
                return (String) resolve(FRAME_TYPE, key);
            }
            String known = kinds[(int) key];
            if (known == null) {
                known = (String) resolve(FRAME_TYPE, key);
                kinds[(int) key] = known;
            }
            return known;
        }

        /** The names of the method of that key, or null. */
        MethodNames method(long key) throws JfrFormatException {
            Object known = methods.get(key);
            return known != null ? (MethodNames) known : (MethodNames) resolve(METHOD, key);
        }

        StackLayout(JfrMetadata.Type stack) {
            JfrMetadata.Type methodType = metadata.type(METHOD);
            methods = methodType == null ? Map.of() : decoded.get(methodType.id);
            int t = stack.field("truncated");
            truncated = t >= 0 && plain(stack.fields.get(t), JfrMetadata.Kind.BOOLEAN) ? t : -1;
            int f = stack.field("frames");
            JfrMetadata.Field framesField = f < 0 ? null : stack.fields.get(f);
            frames = framesField != null && framesField.array() && !framesField.constantPool()
                    && framesField.type().kind == JfrMetadata.Kind.STRUCT ? f : -1;
            JfrMetadata.Type frame = frames < 0 ? null : framesField.type();
            method = frame == null ? -1 : pooled(frame, "method", METHOD);
            kind = frame == null ? -1 : pooled(frame, "type", FRAME_TYPE);
            int l = frame == null ? -1 : frame.field("lineNumber");
            line = l >= 0 && isInteger(frame.fields.get(l)) ? l : -1;
        }

        private boolean plain(JfrMetadata.Field field, JfrMetadata.Kind kind) {
            return !field.array() && !field.constantPool() && field.type().kind == kind;
        }

        private boolean isInteger(JfrMetadata.Field field) {
            return !field.array() && !field.constantPool() && switch (field.type().kind) {
                case BYTE, CHAR, SHORT, INT, LONG -> true;
                default -> false;
            };
        }

        /** The field named {@code name} when it is one key of the pool {@code pool}, else -1. */
        private int pooled(JfrMetadata.Type type, String name, String pool) {
            int i = type.field(name);
            if (i < 0) {
                return -1;
            }
            JfrMetadata.Field field = type.fields.get(i);
            return field.constantPool() && !field.array() && pool.equals(field.type().name) ? i : -1;
        }
    }
}
