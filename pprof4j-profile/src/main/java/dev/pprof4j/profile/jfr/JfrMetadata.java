package dev.pprof4j.profile.jfr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a JFR chunk declares in its metadata event (event type 0): each event and constant
 * pool type with its fields in the order they are written. The metadata is a string table
 * followed by a tree of elements ({@code root > metadata > class > field}), each a name,
 * attributes and children, all strings by index into the table ({@code
 * jdk.jfr.internal.MetadataReader} reads the same layout). Values of a type are written field
 * after field: a constant pool field as its key, an array as a count and its elements, a
 * primitive compressed, a string tagged ({@link JfrInput#readString}).
 */
public final class JfrMetadata {
    /** Deeper than any type a writer nests (a stack trace holds frames that hold a method key). */
    private static final int MAX_DEPTH = 32;
    static final long METADATA_EVENT = 0;
    /**
     * The largest metadata event read: the JDK's own are ~100 kB (JDK 17 and 25, profile
     * settings), 80 times that leaves room for many custom event types. Without a bound a
     * hostile chunk could make the string table and element tree below take far more heap
     * than the file's size (a string or element per byte or two of it).
     */
    public static final long MAX_METADATA_BYTES = 8L << 20;

    public enum Kind { BOOLEAN, BYTE, CHAR, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, STRUCT }

    /** A field: its value is a constant pool key when {@code constantPool}, a counted list when {@code array}. */
    public record Field(String name, Type type, boolean constantPool, boolean array) {
        /** A plain string written in place (not a constant pool key, not a list). */
        public boolean isInlineString() {
            return !constantPool && !array && type.kind == Kind.STRING;
        }
    }

    public static final class Type {
        public final long id;
        public final String name;
        public final Kind kind;
        public final List<Field> fields = new ArrayList<>();

        Type(long id, String name, JfrInput in) throws JfrFormatException {
            if (name == null) {
                throw in.error("metadata class " + id + " has no name");
            }
            this.id = id;
            this.name = name;
            this.kind = kindOf(name);
        }

        /** The index of the field named {@code name}, or -1. */
        public int field(String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    /** Reads the metadata event at {@code position}, refusing one larger than {@link #MAX_METADATA_BYTES}. */
    static JfrMetadata read(JfrChunkBytes chunk, long position) throws java.io.IOException {
        long size = chunk.sizeAt(position, "metadata event");
        if (size <= 0 || size > MAX_METADATA_BYTES) {
            throw chunk.error("the metadata event at " + position + " claims " + size
                    + " bytes; at most " + MAX_METADATA_BYTES + " are read (a JDK writes about 100 000)");
        }
        if (size > chunk.size() - position) {
            throw chunk.error("the metadata event at " + position + " claims " + size
                    + " bytes; the chunk has " + (chunk.size() - position) + " from there");
        }
        // every read below stays inside the event: counts are bounded by what is left of it
        JfrInput in = chunk.read(position, size, "metadata event");
        in.readLong(); // its size, read above
        long typeId = in.readLong();
        if (typeId != METADATA_EVENT) {
            throw in.error("expected the metadata event at " + position + ", found type " + typeId);
        }
        in.readLong(); // start time
        in.readLong(); // duration
        in.readLong(); // metadata id
        return read(in);
    }

    /** Reads the metadata event's body; {@code in} stands after the event's header fields. */
    static JfrMetadata read(JfrInput in) throws JfrFormatException {
        int count = in.readCount("metadata string");
        String[] strings = new String[count];
        JfrInput.StringPool none = new JfrInput.NoConstants(in, "a metadata string");
        for (int i = 0; i < count; i++) {
            strings[i] = in.readString(none);
        }
        Element root = Element.read(in, strings, 0);
        JfrMetadata metadata = new JfrMetadata();
        List<Element> classes = new ArrayList<>();
        for (Element section : root.children) {
            if (section.name.equals("metadata")) {
                for (Element e : section.children) {
                    if (e.name.equals("class")) {
                        classes.add(e);
                        Type type = new Type(parseId(in, e.attribute("id")), e.attribute("name"), in);
                        metadata.byId.put(type.id, type);
                        metadata.byName.put(type.name, type);
                    }
                }
            }
        }
        for (Element e : classes) {
            Type type = metadata.byId.get(parseId(in, e.attribute("id")));
            for (Element f : e.children) {
                if (f.name.equals("field")) {
                    long fieldType = parseId(in, f.attribute("class"));
                    Type of = metadata.byId.get(fieldType);
                    if (of == null) {
                        throw in.error("field " + type.name + "." + f.attribute("name") + " has undeclared type " + fieldType);
                    }
                    String dimension = f.attribute("dimension");
                    type.fields.add(new Field(f.attribute("name"), of, "true".equals(f.attribute("constantPool")),
                            dimension != null && !"0".equals(dimension)));
                }
            }
        }
        return metadata;
    }

    /** The type of that id, or null when the chunk declares none. */
    public Type type(long id) {
        return byId.get(id);
    }

    /** The type of that name, or null when the chunk declares none. */
    public Type type(String name) {
        return byName.get(name);
    }

    /** Moves {@code in} past one value of {@code field}. */
    public void skip(JfrInput in, Field field) throws JfrFormatException {
        skip(in, field, 0);
    }

    private void skip(JfrInput in, Field field, int depth) throws JfrFormatException {
        int count = field.array() ? in.readCount("array element") : 1;
        for (int i = 0; i < count; i++) {
            int before = in.position();
            if (field.constantPool()) {
                in.readLong();
            } else {
                skipValue(in, field.type(), depth);
            }
            if (field.array() && in.position() == before) {
                throw in.error("an element of array " + field.name() + " takes no bytes");
            }
        }
    }

    /** Moves {@code in} past one value of {@code type}, written inline. */
    public void skipValue(JfrInput in, Type type, int depth) throws JfrFormatException {
        switch (type.kind) {
            case BOOLEAN, BYTE -> in.skip(1);
            case CHAR, SHORT, INT, LONG -> in.readLong();
            case FLOAT -> in.skip(4);
            case DOUBLE -> in.skip(8);
            case STRING -> in.readString(null);
            case STRUCT -> {
                if (depth >= MAX_DEPTH) {
                    throw in.error("type " + type.name + " nests deeper than " + MAX_DEPTH);
                }
                for (Field f : type.fields) {
                    skip(in, f, depth + 1);
                }
            }
        }
    }

    /** A scalar value of {@code field}: a constant pool key, or a number; 0 (and skipped) for anything else. */
    public long readScalar(JfrInput in, Field field) throws JfrFormatException {
        if (field.array()) {
            skip(in, field);
            return 0;
        }
        if (field.constantPool()) {
            return in.readLong();
        }
        return switch (field.type().kind) {
            case BOOLEAN, BYTE -> in.readByte();
            case CHAR, SHORT, INT, LONG -> in.readLong();
            default -> {
                skip(in, field);
                yield 0;
            }
        };
    }

    private static Kind kindOf(String name) {
        return switch (name) {
            case "boolean" -> Kind.BOOLEAN;
            case "byte" -> Kind.BYTE;
            case "char" -> Kind.CHAR;
            case "short" -> Kind.SHORT;
            case "int" -> Kind.INT;
            case "long" -> Kind.LONG;
            case "float" -> Kind.FLOAT;
            case "double" -> Kind.DOUBLE;
            case "java.lang.String" -> Kind.STRING;
            default -> Kind.STRUCT;
        };
    }

    private static long parseId(JfrInput in, String id) throws JfrFormatException {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw in.error("a type id is not a number: " + id);
        }
    }

    /** An element of the metadata tree; attributes as alternating keys and values (a handful each). */
    private record Element(String name, String[] attributes, Element[] children) {
        static Element read(JfrInput in, String[] strings, int depth) throws JfrFormatException {
            if (depth > MAX_DEPTH) {
                throw in.error("metadata elements nest deeper than " + MAX_DEPTH);
            }
            String name = string(in, strings);
            String[] attributes = new String[in.readCount("metadata attribute") * 2];
            for (int i = 0; i < attributes.length; i++) {
                attributes[i] = string(in, strings);
            }
            Element[] children = new Element[in.readCount("metadata element")];
            for (int i = 0; i < children.length; i++) {
                children[i] = read(in, strings, depth + 1);
            }
            return new Element(name, attributes, children);
        }

        private static String string(JfrInput in, String[] strings) throws JfrFormatException {
            long index = in.readLong();
            if (index < 0 || index >= strings.length || strings[(int) index] == null) {
                throw in.error("metadata string index " + index + " out of " + strings.length);
            }
            return strings[(int) index];
        }

        String attribute(String key) {
            for (int i = 0; i < attributes.length; i += 2) {
                if (key.equals(attributes[i])) {
                    return attributes[i + 1];
                }
            }
            return null;
        }
    }
}
