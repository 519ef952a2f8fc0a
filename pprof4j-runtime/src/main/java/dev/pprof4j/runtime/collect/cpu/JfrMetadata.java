package dev.pprof4j.runtime.collect.cpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a JFR chunk declares in its metadata event: each event and constant pool type with
 * its fields in the order they are written. The metadata is a string table followed by a tree
 * of elements ({@code root > metadata > class > field}) whose attributes name strings of that
 * table; only the {@code class} and {@code field} elements matter here. Values of a type are
 * written field after field: a constant pool field as its key, an array as a count and its
 * elements, a primitive compressed, a string tagged ({@link JfrInput#readString}).
 */
final class JfrMetadata {
    /** Deeper than any type a writer nests (a stack trace holds frames that hold a method key). */
    private static final int MAX_DEPTH = 32;

    enum Kind { BOOLEAN, BYTE, CHAR, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, STRUCT }

    record Field(String name, long typeId, boolean constantPool, boolean array) {
    }

    static final class Type {
        final long id;
        final String name;
        final Kind kind;
        final List<Field> fields = new ArrayList<>();

        Type(long id, String name) {
            this.id = id;
            this.name = name;
            this.kind = kindOf(name);
        }

        /** The index of the field named {@code name}, or -1. */
        int field(String name) {
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

    /** Reads the metadata event's body; {@code in} stands after the event's header fields. */
    static JfrMetadata read(JfrInput in) throws JfrFormatException {
        int count = in.readCount("metadata string");
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            strings[i] = in.readString(key -> {
                throw in.error("a metadata string refers to a constant pool");
            });
        }
        JfrMetadata metadata = new JfrMetadata();
        List<Element> classes = new ArrayList<>();
        Element root = element(in, strings, 0);
        root.collect("class", classes, 0);
        for (Element c : classes) {
            Type type = new Type(parseId(in, c.attribute("id")), c.attribute("name"));
            for (Element f : c.children) {
                if (f.name.equals("field")) {
                    type.fields.add(new Field(f.attribute("name"), parseId(in, f.attribute("class")),
                            "true".equals(f.attribute("constantPool")), "1".equals(f.attribute("dimension"))));
                }
            }
            metadata.byId.put(type.id, type);
            if (type.name != null) {
                metadata.byName.put(type.name, type);
            }
        }
        for (Type type : metadata.byId.values()) {
            for (Field f : type.fields) {
                if (!metadata.byId.containsKey(f.typeId())) {
                    throw in.error("field " + type.name + "." + f.name() + " has undeclared type " + f.typeId());
                }
            }
        }
        return metadata;
    }

    Type type(long id) {
        return byId.get(id);
    }

    Type type(String name) {
        return byName.get(name);
    }

    /** Moves {@code in} past one value of {@code field}. */
    void skip(JfrInput in, Field field) throws JfrFormatException {
        skip(in, field, 0);
    }

    private void skip(JfrInput in, Field field, int depth) throws JfrFormatException {
        int count = field.array() ? in.readCount("array element") : 1;
        for (int i = 0; i < count; i++) {
            int before = in.position();
            if (field.constantPool()) {
                in.readLong();
            } else {
                skipValue(in, byId.get(field.typeId()), depth);
            }
            if (field.array() && in.position() == before) {
                throw in.error("an element of array " + field.name() + " takes no bytes");
            }
        }
    }

    /** Moves {@code in} past one value of {@code type}, written inline. */
    void skipValue(JfrInput in, Type type, int depth) throws JfrFormatException {
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

    private static Kind kindOf(String name) {
        if (name == null) {
            return Kind.STRUCT;
        }
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

    private static final class Element {
        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        String attribute(String key) {
            return attributes.get(key);
        }

        void collect(String elementName, List<Element> into, int depth) {
            if (name.equals(elementName)) {
                into.add(this);
            }
            if (depth < MAX_DEPTH) {
                for (Element child : children) {
                    child.collect(elementName, into, depth + 1);
                }
            }
        }
    }

    private static Element element(JfrInput in, String[] strings, int depth) throws JfrFormatException {
        if (depth > MAX_DEPTH) {
            throw in.error("metadata elements nest deeper than " + MAX_DEPTH);
        }
        Element element = new Element(string(in, strings));
        int attributes = in.readCount("metadata attribute");
        for (int i = 0; i < attributes; i++) {
            element.attributes.put(string(in, strings), string(in, strings));
        }
        int children = in.readCount("metadata element");
        for (int i = 0; i < children; i++) {
            element.children.add(element(in, strings, depth + 1));
        }
        return element;
    }

    private static String string(JfrInput in, String[] strings) throws JfrFormatException {
        long index = in.readLong();
        if (index < 0 || index >= strings.length || strings[(int) index] == null) {
            throw in.error("metadata string index " + index + " out of " + strings.length);
        }
        return strings[(int) index];
    }
}
