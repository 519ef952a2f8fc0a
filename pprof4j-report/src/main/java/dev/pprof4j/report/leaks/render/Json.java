package dev.pprof4j.report.leaks.render;

/** Writes JSON text: just enough for the report, with strings escaped per RFC 8259. */
final class Json {
    private final StringBuilder out = new StringBuilder();
    /** True right after an opening bracket or a key: the next value needs no comma. */
    private boolean first = true;

    Json beginObject() {
        comma();
        out.append('{');
        first = true;
        return this;
    }

    Json endObject() {
        out.append('}');
        first = false;
        return this;
    }

    Json beginArray() {
        comma();
        out.append('[');
        first = true;
        return this;
    }

    Json endArray() {
        out.append(']');
        first = false;
        return this;
    }

    Json key(String name) {
        comma();
        string(name);
        out.append(':');
        first = true;
        return this;
    }

    Json value(String s) {
        comma();
        string(s);
        first = false;
        return this;
    }

    Json value(long n) {
        comma();
        out.append(n);
        first = false;
        return this;
    }

    Json value(double d) {
        comma();
        out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        first = false;
        return this;
    }

    Json value(boolean b) {
        comma();
        out.append(b);
        first = false;
        return this;
    }

    Json values(long[] ns) {
        beginArray();
        for (long n : ns) {
            value(n);
        }
        return endArray();
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
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
