package dev.pprof4j.profile;

/** A binary (or, for a JVM profile, a pseudo binary) that locations belong to. */
public final class Mapping {
    public long id;
    public long memoryStart;
    public long memoryLimit;
    public long fileOffset;
    public String file = "";
    public String buildId = "";
    public boolean hasFunctions;
    public boolean hasFilenames;
    public boolean hasLineNumbers;
    public boolean hasInlineFrames;
}
