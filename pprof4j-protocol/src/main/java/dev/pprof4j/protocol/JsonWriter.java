package dev.pprof4j.protocol;

/**
 * A small streaming JSON writer (RFC 8259 strings), the one for every JSON pprof4j writes: the
 * agent's {@code /debug/vars}, the leak report's {@code --format json} and (through
 * {@link #quote}) the flame graph page's strings; callers keep the structure balanced. {@link JsonReader} reads what it writes.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder(4096);
    private final String comma;
    private final String colon;
    private boolean needComma;

    /** Spaced as Go's expvar prints {@code /debug/vars}: {@code {"a": 1, "b": 2}}. */
    public JsonWriter() {
        this(", ", ": ");
    }

    private JsonWriter(String comma, String colon) {
        this.comma = comma;
        this.colon = colon;
    }

    /** No space between tokens, {@code {"a":1,"b":2}}: output for machines and pipes. */
    public static JsonWriter compact() {
        return new JsonWriter(",", ":");
    }

    public JsonWriter beginObject() {
        separate();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        separate();
        out.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(colon);
        needComma = false;
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        needComma = true;
        return this;
    }

    /** A number as Java prints it ({@code 0.05}, {@code 1.0E-4}); JSON has no NaN or infinity, so those are null. */
    public JsonWriter value(double value) {
        separate();
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        needComma = true;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        string(value);
        needComma = true;
        return this;
    }

    /** An array of numbers. */
    public JsonWriter values(long... values) {
        beginArray();
        for (long value : values) {
            value(value);
        }
        return endArray();
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    private void separate() {
        if (needComma) {
            out.append(comma);
            needComma = false;
        }
    }

    private void string(String text) {
        quote(out, text, false);
    }

    /**
     * Appends {@code text} as a JSON string. With {@code forScript} it is also safe inside an
     * HTML {@code <script>} element (the flame graph page embeds its JSON): {@code <}, {@code >},
     * {@code &} and the line separators U+2028/U+2029 become {@code \\uXXXX}, so no frame name
     * can close the element or end a JavaScript line.
     */
    public static void quote(StringBuilder out, String text, boolean forScript) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || forScript && (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
