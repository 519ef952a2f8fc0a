package dev.pprof4j.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text (RFC 8259) into plain values: an object is a {@code Map<String, Object>} in
 * the text's order, an array a {@code List<Object>}, a string a {@code String}, a number a
 * {@code Long} when it is a whole number that fits and a {@code Double} otherwise, and
 * {@code true}, {@code false}, {@code null} as themselves. Enough for what the agent writes
 * ({@link JsonWriter}, {@code /debug/vars}) and for what Go's expvar writes.
 *
 * <p>Hostile text is refused in bounded time and memory: nesting deeper than
 * {@value #MAX_DEPTH} is refused, and nothing is built that the text does not hold.
 */
public final class JsonReader {
    /** Deeper nesting than anything the agent writes, shallow enough for the stack. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException saying where the text stops being JSON
     */
    public static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        reader.space();
        Object value = reader.value(0);
        reader.space();
        if (reader.at != text.length()) {
            throw reader.wrong("text after the value");
        }
        return value;
    }

    /** The object {@code text} holds. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object value = read(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("JSON: expected an object, found " + kind(value));
        }
        return (Map<String, Object>) value;
    }

    /** {@code object.get(name)} as a long, or {@code absent} when it is missing or not a number. */
    public static long number(Map<String, Object> object, String name, long absent) {
        return object.get(name) instanceof Number n ? n.longValue() : absent;
    }

    /** {@code object.get(name)} as a string, or {@code absent} when it is missing or not a string. */
    public static String string(Map<String, Object> object, String name, String absent) {
        return object.get(name) instanceof String s ? s : absent;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw wrong("nested deeper than " + MAX_DEPTH);
        }
        if (at >= text.length()) {
            throw wrong("a value was expected");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw wrong("unexpected '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        at++;
        Map<String, Object> object = new LinkedHashMap<>();
        space();
        if (peek() == '}') {
            at++;
            return Collections.unmodifiableMap(object);
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw wrong("a name in quotes was expected");
            }
            String name = string();
            space();
            expect(':');
            space();
            object.put(name, value(depth + 1));
            space();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(object);
            }
            if (c != ',') {
                throw wrong("',' or '}' was expected");
            }
        }
    }

    private List<Object> array(int depth) {
        at++;
        List<Object> array = new ArrayList<>();
        space();
        if (peek() == ']') {
            at++;
            return Collections.unmodifiableList(array);
        }
        while (true) {
            space();
            array.add(value(depth + 1));
            space();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(array);
            }
            if (c != ',') {
                throw wrong("',' or ']' was expected");
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw wrong("the string does not end");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw wrong("a control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw wrong("a \\u escape is cut short");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException x) {
                        throw wrong("a \\u escape is not four hex digits");
                    }
                    at += 4;
                }
                default -> throw wrong("unknown escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        digits();
        boolean whole = true;
        if (peek() == '.') {
            at++;
            digits();
            whole = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
            whole = false;
        }
        String number = text.substring(start, at);
        if (whole) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException e) {
                // too large for a long: a double, as Go's encoding/json reads it into interface{}
            }
        }
        return Double.parseDouble(number);
    }

    private void digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        if (at == start) {
            throw wrong("a digit was expected");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw wrong(word + " was expected");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() {
        if (at >= text.length()) {
            throw wrong("the text ends early");
        }
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) {
            at--;
            throw wrong("'" + c + "' was expected");
        }
    }

    private IllegalArgumentException wrong(String why) {
        return new IllegalArgumentException("JSON at character " + at + ": " + why);
    }

    private static String kind(Object value) {
        return value == null ? "null" : value instanceof List ? "an array" : value.getClass().getSimpleName();
    }
}
