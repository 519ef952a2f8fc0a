package dev.pprof4j.profile;

import java.util.Locale;

/**
 * How finely a report tells frames apart, as go tool pprof's {@code -functions} (the
 * default), {@code -filefunctions}, {@code -files}, {@code -lines} and {@code -addresses}.
 * {@link #apply} does what pprof's Aggregate does: it blanks what the granularity ignores
 * (names, file names, line numbers, addresses, inlined frames), so that frames which differ
 * only there become equal; reports then group frames by what is left.
 */
public enum Granularity {
    FUNCTIONS(true, false, false, false),
    FILEFUNCTIONS(true, true, false, false),
    FILES(false, true, false, false),
    LINES(true, true, true, false),
    ADDRESSES(true, true, true, true);

    private final boolean function;
    private final boolean filename;
    private final boolean lineNumber;
    private final boolean address;

    Granularity(boolean function, boolean filename, boolean lineNumber, boolean address) {
        this.function = function;
        this.filename = filename;
        this.lineNumber = lineNumber;
        this.address = address;
    }

    /** Parses pprof's names: {@code functions}, {@code filefunctions}, {@code files}, {@code lines}, {@code addresses}. */
    public static Granularity parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown granularity '" + name
                    + "'; use functions, filefunctions, files, lines or addresses", e);
        }
    }

    /**
     * Blanks what this granularity ignores, in place. {@code inlines} false (pprof's
     * {@code -noinlines}) keeps only the outermost frame of each location.
     */
    public void apply(Profile p, boolean inlines) {
        if (this == ADDRESSES && inlines) {
            return; // pprof's driver: nothing to aggregate
        }
        boolean keepFunction = function;
        boolean keepFilename = filename;
        for (Mapping m : p.mappings) {
            m.hasInlineFrames &= inlines;
            m.hasFunctions &= keepFunction;
            m.hasFilenames &= filename;
            m.hasLineNumbers &= lineNumber;
        }
        if (!keepFunction || !keepFilename) {
            for (Function f : p.functions) {
                if (!keepFunction) {
                    f.name = "";
                    f.systemName = "";
                }
                if (!keepFilename) {
                    f.filename = "";
                }
            }
        }
        if (!inlines || !address || !lineNumber) {
            for (Location l : p.locations) {
                if (!inlines && l.lines.size() > 1) {
                    Line outer = l.lines.get(l.lines.size() - 1);
                    l.lines.clear();
                    l.lines.add(outer);
                }
                if (!lineNumber) {
                    for (int i = 0; i < l.lines.size(); i++) {
                        Line line = l.lines.get(i);
                        l.lines.set(i, new Line(line.function(), 0, 0));
                    }
                }
                if (!address) {
                    l.address = 0;
                }
            }
        }
    }
}
