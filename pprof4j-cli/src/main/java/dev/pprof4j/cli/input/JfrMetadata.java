package dev.pprof4j.cli.input;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a chunk declares in its metadata event (event type id 0): for each type its
 * id, name and fields in the order their values are written. The metadata event is a
 * string table followed by a tree of elements ({@code root > metadata > class > field}),
 * each a name, attributes and children, all strings by index into the table
 * (jdk.jfr.internal.MetadataReader reads the same layout).
 */
final class JfrMetadata {
    /** How a value of a type is written. */
    enum Kind { BOOLEAN, BYTE, VARINT, FLOAT, DOUBLE, STRING, STRUCT }

    /** A field: its value is a constant-pool key when {@code constantPool}, and a counted list when {@code array}. */
    static final class Field {
        final String name;
        final Type type;
        final boolean constantPool;
        final boolean array;

        Field(String name, Type type, boolean constantPool, boolean array) {
            this.name = name;
            this.type = type;
            this.constantPool = constantPool;
            this.array = array;
        }

        /** A plain string written in place (not a constant-pool key, not a list). */
        boolean isInlineString() {
            return !constantPool && !array && type.kind == Kind.STRING;
        }
    }

    static final class Type {
        final long id;
        final String name;
        final Kind kind;
        final List<Field> fields = new ArrayList<>();

        Type(long id, String name) {
            if (name == null) {
                throw new JfrFormatException("metadata class " + id + " has no name");
            }
            this.id = id;
            this.name = name;
            this.kind = switch (name) {
                case "boolean" -> Kind.BOOLEAN;
                case "byte" -> Kind.BYTE;
                case "char", "short", "int", "long" -> Kind.VARINT;
                case "float" -> Kind.FLOAT;
                case "double" -> Kind.DOUBLE;
                case "java.lang.String" -> Kind.STRING;
                default -> Kind.STRUCT;
            };
        }

        int fieldIndex(String fieldName) {
            for (int i = 0; i < fields.size(); i++) {
                if (fieldName.equals(fields.get(i).name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Structs may nest (a StackTrace holds StackFrames); a hostile file could make that endless. */
    private static final int MAX_NESTING = 32;
    static final long METADATA_EVENT = 0;

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    Type type(long id) {
        Type type = byId.get(id);
        if (type == null) {
            throw new JfrFormatException("type id " + id + " is not declared in the chunk's metadata");
        }
        return type;
    }

    /** The type of that name, or null when the recording has none. */
    Type type(String name) {
        return byName.get(name);
    }

    /**
     * The largest metadata event read: the JDK's own are ~100 kB (JDK 17 and 25, profile
     * settings), 80 times that leaves room for many custom event types. Without a bound a
     * hostile chunk could make the string table and element tree below take far more heap
     * than the file's size (a string or element per byte or two of it).
     */
    static final long MAX_METADATA_BYTES = 8L << 20;

    static JfrMetadata read(JfrChunkFile chunk, long metadataPosition) {
        long size = chunk.sizeAt(metadataPosition, "metadata event");
        if (size <= 0 || size > MAX_METADATA_BYTES) {
            throw new JfrFormatException("the metadata event at " + metadataPosition + " claims " + size
                    + " bytes; at most " + MAX_METADATA_BYTES + " are read (a JDK writes about 100 000)");
        }
        if (size > chunk.size() - metadataPosition) {
            throw new JfrFormatException("the metadata event at " + metadataPosition + " claims " + size
                    + " bytes; the chunk has " + (chunk.size() - metadataPosition) + " from there");
        }
        // every read below stays inside the event: counts are bounded by what is left of it
        JfrInput in = chunk.read(metadataPosition, size, "metadata event");
        in.readVarLong(); // its size, read above
        long typeId = in.readVarLong();
        if (typeId != METADATA_EVENT) {
            throw new JfrFormatException("expected the metadata event at " + metadataPosition + ", found type " + typeId);
        }
        in.readVarLong(); // start time
        in.readVarLong(); // duration
        in.readVarLong(); // metadata id
        String[] strings = new String[in.readCount("metadata string")];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = in.readString(null);
        }
        Element root = Element.read(in, strings, 0);
        JfrMetadata metadata = new JfrMetadata();
        List<Element> classes = new ArrayList<>();
        for (Element section : root.children) {
            if (section.name.equals("metadata")) {
                for (Element e : section.children) {
                    if (e.name.equals("class")) {
                        classes.add(e);
                        Type type = new Type(parseLong(e.attribute("id"), "class id"), e.attribute("name"));
                        metadata.byId.put(type.id, type);
                        metadata.byName.put(type.name, type);
                    }
                }
            }
        }
        for (Element e : classes) {
            Type type = metadata.byId.get(parseLong(e.attribute("id"), "class id"));
            for (Element f : e.children) {
                if (f.name.equals("field")) {
                    Type fieldType = metadata.type(parseLong(f.attribute("class"), "field type"));
                    type.fields.add(new Field(f.attribute("name"), fieldType, "true".equals(f.attribute("constantPool")),
                            f.attribute("dimension") != null && !"0".equals(f.attribute("dimension"))));
                }
            }
        }
        return metadata;
    }

    private static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new JfrFormatException("metadata " + what + " is not a number: " + value);
        }
    }

    /** Skips one value of {@code field}. */
    void skip(JfrInput in, Field field, int depth) {
        if (field.array) {
            for (int n = in.readCount("array"); n > 0; n--) {
                skipOne(in, field, depth);
            }
        } else {
            skipOne(in, field, depth);
        }
    }

    private void skipOne(JfrInput in, Field field, int depth) {
        if (field.constantPool) {
            in.readVarLong();
        } else {
            skipValue(in, field.type, depth);
        }
    }

    void skipValue(JfrInput in, Type type, int depth) {
        switch (type.kind) {
            case BOOLEAN, BYTE -> in.skip(1);
            case VARINT -> in.readVarLong();
            case FLOAT -> in.skip(4);
            case DOUBLE -> in.skip(8);
            case STRING -> in.skipString();
            case STRUCT -> {
                if (depth > MAX_NESTING) {
                    throw new JfrFormatException("type " + type.name + " nests deeper than " + MAX_NESTING);
                }
                for (Field f : type.fields) {
                    skip(in, f, depth + 1);
                }
            }
        }
    }

    /** A scalar value of {@code field}: a constant-pool key, or a number. */
    long readScalar(JfrInput in, Field field) {
        if (field.array) {
            skip(in, field, 0);
            return 0;
        }
        if (field.constantPool) {
            return in.readVarLong();
        }
        return switch (field.type.kind) {
            case BOOLEAN, BYTE -> in.readByte();
            case VARINT -> in.readVarLong();
            default -> {
                skip(in, field, 0);
                yield 0;
            }
        };
    }

    /** An element of the metadata tree; attributes as alternating keys and values (a handful each). */
    private record Element(String name, String[] attributes, Element[] children) {
        static Element read(JfrInput in, String[] strings, int depth) {
            if (depth > MAX_NESTING) {
                throw new JfrFormatException("metadata elements nest deeper than " + MAX_NESTING);
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

        private static String string(JfrInput in, String[] strings) {
            long index = in.readVarLong();
            if (index < 0 || index >= strings.length) {
                throw new JfrFormatException("metadata string index " + index + " outside its table of " + strings.length);
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
