package dev.pprof4j.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The object graph of a HotSpot heap dump (HPROF 1.0.2, as {@code jmap -dump} and
 * {@code HotSpotDiagnosticMXBean.dumpHeap} write it): where every object is, what it points
 * at, and the shallow size HotSpot gives it. Read once, in place (the file is mapped, not
 * copied); {@link RetainedSize} walks it. Only what a retained size needs is kept: objects'
 * positions, classes' field layouts, GC roots, class names.
 *
 * <p>Shallow sizes are HotSpot's layout on a 64-bit JVM with compressed class pointers: a
 * 12-byte object header, 16 bytes for an array's, references of {@code referenceSize} bytes
 * (4 with compressed oops, the default below 32 GB), everything rounded up to 8. Class
 * objects count 0 (their mirror is small and their metadata is not on the heap).
 */
final class HeapDump {
    private static final int UTF8 = 0x01;
    private static final int LOAD_CLASS = 0x02;
    private static final int HEAP_DUMP = 0x0C;
    private static final int HEAP_DUMP_SEGMENT = 0x1C;
    static final int CLASS_DUMP = 0x20;
    static final int INSTANCE_DUMP = 0x21;
    static final int OBJECT_ARRAY_DUMP = 0x22;
    static final int PRIMITIVE_ARRAY_DUMP = 0x23;
    private static final int OBJECT = 2;

    /** A class's own instance fields (not its superclasses'), in dump order, and what it references. */
    record ClassLayout(long id, long superId, byte[] fieldTypes, long[] fieldNames, long[] references) {
    }

    private final ByteBuffer data;
    private final int idSize;
    private final int referenceSize;
    /** Object id to the position of its sub-record; a slot of this table is the object's index. */
    final LongLongTable objects = new LongLongTable();
    final List<Long> roots = new ArrayList<>();
    private final Map<Long, ClassLayout> classes = new HashMap<>();
    private final Map<Long, Long> classNameIds = new HashMap<>();
    private final LongLongTable strings = new LongLongTable();
    private final Map<Long, Integer> instanceSizes = new HashMap<>();
    private long referenceClass;
    private long referentName;

    private HeapDump(ByteBuffer data, int referenceSize) throws IOException {
        this.data = data;
        this.referenceSize = referenceSize;
        int p = 0;
        while (data.get(p) != 0) {
            p++;
        }
        String format = new String(bytes(0, p), StandardCharsets.US_ASCII);
        if (!format.startsWith("JAVA PROFILE 1.0")) {
            throw new IOException("not an HPROF heap dump (header \"" + format + "\")");
        }
        this.idSize = data.getInt(p + 1);
        scan(p + 1 + 4 + 8);
    }

    /** Maps and indexes {@code file}; {@code referenceSize} 4 for a heap with compressed oops, else 8. */
    static HeapDump read(Path file, int referenceSize) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new IOException(file + ": " + channel.size() + " bytes; this reader maps dumps below 2 GB");
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return new HeapDump(map, referenceSize);
        }
    }

    private void scan(int p) throws IOException {
        while (p < data.limit()) {
            int tag = data.get(p) & 0xff;
            int length = data.getInt(p + 5);
            int body = p + 9;
            if (tag == UTF8) {
                strings.put(id(body), body);
            } else if (tag == LOAD_CLASS) {
                classNameIds.put(id(body + 4), id(body + 4 + idSize + 4));
            } else if (tag == HEAP_DUMP || tag == HEAP_DUMP_SEGMENT) {
                scanHeap(body, body + length);
            }
            p = body + length;
        }
        for (Map.Entry<Long, Long> e : classNameIds.entrySet()) {
            if ("java/lang/ref/Reference".equals(string(e.getValue()))) {
                referenceClass = e.getKey();
            }
        }
        ClassLayout reference = classes.get(referenceClass);
        if (reference != null) {
            for (long name : reference.fieldNames()) {
                if ("referent".equals(string(name))) {
                    referentName = name;
                }
            }
        }
    }

    private void scanHeap(int p, int end) throws IOException {
        while (p < end) {
            int start = p;
            int sub = data.get(p++) & 0xff;
            switch (sub) {
                case 0xFF, 0x05, 0x07 -> { roots.add(id(p)); p += idSize; }
                case 0x01 -> { roots.add(id(p)); p += 2 * idSize; }
                case 0x02, 0x03, 0x08 -> { roots.add(id(p)); p += idSize + 8; }
                case 0x04, 0x06 -> { roots.add(id(p)); p += idSize + 4; }
                case CLASS_DUMP -> p = classDump(start, p);
                case INSTANCE_DUMP -> {
                    objects.put(id(p), start);
                    p += idSize + 4 + idSize + 4 + data.getInt(p + idSize + 4 + idSize);
                }
                case OBJECT_ARRAY_DUMP -> {
                    objects.put(id(p), start);
                    p += idSize + 8 + idSize + (long) idSize * data.getInt(p + idSize + 4);
                }
                case PRIMITIVE_ARRAY_DUMP -> {
                    objects.put(id(p), start);
                    int n = data.getInt(p + idSize + 4);
                    p += idSize + 9 + n * dumpSize(data.get(p + idSize + 8));
                }
                default -> throw new IOException("unknown heap dump sub-record 0x" + Integer.toHexString(sub)
                        + " at byte " + start + "; is the dump complete?");
            }
        }
    }

    private int classDump(int start, int p) {
        long id = id(p);
        long superId = id(p + idSize + 4);
        List<Long> refs = new ArrayList<>(List.of(superId, id(p + 2 * idSize + 4), id(p + 3 * idSize + 4),
                id(p + 4 * idSize + 4)));
        p += 7 * idSize + 4 + 4;
        int constants = data.getShort(p) & 0xffff;
        p += 2;
        for (int i = 0; i < constants; i++) {
            byte type = data.get(p + 2);
            if (type == OBJECT) {
                refs.add(id(p + 3));
            }
            p += 3 + dumpSize(type);
        }
        int statics = data.getShort(p) & 0xffff;
        p += 2;
        for (int i = 0; i < statics; i++) {
            byte type = data.get(p + idSize);
            if (type == OBJECT) {
                refs.add(id(p + idSize + 1));
            }
            p += idSize + 1 + dumpSize(type);
        }
        int fields = data.getShort(p) & 0xffff;
        p += 2;
        byte[] types = new byte[fields];
        long[] names = new long[fields];
        for (int i = 0; i < fields; i++) {
            names[i] = id(p);
            types[i] = data.get(p + idSize);
            p += idSize + 1;
        }
        classes.put(id, new ClassLayout(id, superId, types, names, refs.stream().mapToLong(Long::longValue).toArray()));
        objects.put(id, start);
        return p;
    }

    /** Calls {@code out} with every object {@code slot}'s object references (a weak reference's referent excepted). */
    void forEachReference(int slot, LongConsumer out) {
        int p = (int) objects.valueAt(slot);
        int tag = data.get(p) & 0xff;
        p++;
        switch (tag) {
            case CLASS_DUMP -> {
                for (long ref : classes.get(id(p)).references()) {
                    out.accept(ref);
                }
            }
            case INSTANCE_DUMP -> {
                long classId = id(p + idSize + 4);
                out.accept(classId);
                int field = p + idSize + 4 + idSize + 4;
                for (ClassLayout c = classes.get(classId); c != null; c = classes.get(c.superId())) {
                    for (int i = 0; i < c.fieldTypes().length; i++) {
                        if (c.fieldTypes()[i] == OBJECT && !(c.id() == referenceClass && c.fieldNames()[i] == referentName)) {
                            out.accept(id(field));
                        }
                        field += dumpSize(c.fieldTypes()[i]);
                    }
                }
            }
            case OBJECT_ARRAY_DUMP -> {
                int n = data.getInt(p + idSize + 4);
                out.accept(id(p + idSize + 8));
                for (int i = 0, e = p + 2 * idSize + 8; i < n; i++, e += idSize) {
                    out.accept(id(e));
                }
            }
            default -> { } // primitive arrays hold no references
        }
    }

    /** HotSpot's size of the object in {@code slot}. */
    long shallowSize(int slot) {
        int p = (int) objects.valueAt(slot);
        int tag = data.get(p) & 0xff;
        p++;
        return switch (tag) {
            case INSTANCE_DUMP -> instanceSize(id(p + idSize + 4));
            case OBJECT_ARRAY_DUMP -> align(16 + (long) referenceSize * data.getInt(p + idSize + 4));
            case PRIMITIVE_ARRAY_DUMP -> align(16 + (long) heapSize(data.get(p + idSize + 8)) * data.getInt(p + idSize + 4));
            default -> 0;
        };
    }

    private long instanceSize(long classId) {
        return instanceSizes.computeIfAbsent(classId, id -> {
            long fields = 0;
            for (ClassLayout c = classes.get(id); c != null; c = classes.get(c.superId())) {
                for (byte type : c.fieldTypes()) {
                    fields += heapSize(type);
                }
            }
            return (int) align(12 + fields);
        });
    }

    /** The class name of the object in {@code slot}, as Java spells it ({@code java.lang.String[]}). */
    String className(int slot) {
        int p = (int) objects.valueAt(slot);
        int tag = data.get(p) & 0xff;
        p++;
        return switch (tag) {
            case INSTANCE_DUMP -> javaName(id(p + idSize + 4));
            case OBJECT_ARRAY_DUMP -> javaName(id(p + idSize + 8));
            case PRIMITIVE_ARRAY_DUMP -> primitiveName(data.get(p + idSize + 8)) + "[]";
            default -> "java.lang.Class";
        };
    }

    /** Every class id whose name (Java spelling) is {@code name}. */
    Set<Long> classIds(String name) {
        Set<Long> out = new HashSet<>();
        for (Long id : classNameIds.keySet()) {
            if (name.equals(javaName(id))) {
                out.add(id);
            }
        }
        return out;
    }

    /** The class of an instance, or 0 when the slot holds something else. */
    long instanceClass(int slot) {
        int p = (int) objects.valueAt(slot);
        return (data.get(p) & 0xff) == INSTANCE_DUMP ? id(p + 1 + idSize + 4) : 0;
    }

    private String javaName(long classId) {
        Long nameId = classNameIds.get(classId);
        String name = nameId == null ? "?" : string(nameId).replace('/', '.');
        int dims = 0;
        while (name.startsWith("[")) {
            name = name.substring(1);
            dims++;
        }
        if (dims > 0) {
            name = name.startsWith("L") ? name.substring(1, name.length() - 1) : switch (name.charAt(0)) {
                case 'Z' -> "boolean"; case 'C' -> "char"; case 'F' -> "float"; case 'D' -> "double";
                case 'B' -> "byte"; case 'S' -> "short"; case 'I' -> "int"; default -> "long";
            };
        }
        return name + "[]".repeat(dims);
    }

    private String string(long id) {
        long body = strings.get(id);
        if (body < 0) {
            return "?";
        }
        int length = data.getInt((int) body - 4) - idSize;
        return new String(bytes((int) body + idSize, length), StandardCharsets.UTF_8);
    }

    private byte[] bytes(int at, int length) {
        byte[] out = new byte[length];
        data.get(at, out);
        return out;
    }

    private long id(long at) {
        return idSize == 8 ? data.getLong((int) at) : data.getInt((int) at) & 0xffffffffL;
    }

    private int dumpSize(byte type) {
        return type == OBJECT ? idSize : heapSize(type);
    }

    private int heapSize(byte type) {
        return switch (type) {
            case OBJECT -> referenceSize;
            case 4, 8 -> 1; // boolean, byte
            case 5, 9 -> 2; // char, short
            case 6, 10 -> 4; // float, int
            case 7, 11 -> 8; // double, long
            default -> throw new IllegalStateException("unknown HPROF basic type " + type);
        };
    }

    private static String primitiveName(byte type) {
        return switch (type) {
            case 4 -> "boolean"; case 5 -> "char"; case 6 -> "float"; case 7 -> "double";
            case 8 -> "byte"; case 9 -> "short"; case 10 -> "int"; default -> "long";
        };
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
