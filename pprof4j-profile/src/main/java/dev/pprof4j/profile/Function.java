package dev.pprof4j.profile;

/** A function (for Java, a method named {@code package.Class.method}). */
public final class Function {
    /** Unique nonzero id while encoded; assigned by the encoder when 0. */
    public long id;
    /** Human-readable name, e.g. {@code java.util.HashMap.resize}. */
    public String name = "";
    /** Name as the runtime knows it (for Java, may carry the signature). */
    public String systemName = "";
    public String filename = "";
    public long startLine;

    public Function() {
    }

    public Function(String name, String filename) {
        this.name = name;
        this.systemName = name;
        this.filename = filename;
    }

    @Override
    public String toString() {
        return name + (filename.isEmpty() ? "" : " (" + filename + ")");
    }
}
