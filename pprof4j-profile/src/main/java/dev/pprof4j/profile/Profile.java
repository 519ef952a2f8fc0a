package dev.pprof4j.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * A profile: profile.proto's {@code Profile} message with ids and the string table
 * resolved to references. Every field of the message has a home here.
 */
public final class Profile {
    public final List<ValueType> sampleTypes = new ArrayList<>();
    public final List<Sample> samples = new ArrayList<>();
    public final List<Mapping> mappings = new ArrayList<>();
    public final List<Location> locations = new ArrayList<>();
    public final List<Function> functions = new ArrayList<>();
    /** Regex of frames to drop, with everything above them (pprof's drop_frames). */
    public String dropFrames = "";
    /** Regex of frames to keep even when {@link #dropFrames} matches. */
    public String keepFrames = "";
    /** Wall time the profile was taken, nanoseconds since the epoch; 0 when unknown. */
    public long timeNanos;
    public long durationNanos;
    /** What one sampling event measures, e.g. {@code cpu/nanoseconds}; may be null. */
    public ValueType periodType;
    public long period;
    /** Free-form notes; pprof4j names the engine and its sampling parameters here. */
    public final List<String> comments = new ArrayList<>();
    /** Type of the sample value shown by default; empty means the last one. */
    public String defaultSampleType = "";
    /** A link to documentation of the profile's meaning (profile.proto's doc_url). */
    public String docUrl = "";

    /** A deep copy, sharing nothing with this profile; operations that change a profile in place can then run on the copy. */
    public Profile copy() {
        return ProfileCopier.copy(this);
    }

    /** Index of the sample type named {@code type}, or -1. */
    public int sampleIndexOf(String type) {
        for (int i = 0; i < sampleTypes.size(); i++) {
            if (sampleTypes.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index shown when the user names none: {@link #defaultSampleType} when set and
     * present, else the last sample type (as go tool pprof does).
     */
    public int defaultSampleIndex() {
        int i = defaultSampleType.isEmpty() ? -1 : sampleIndexOf(defaultSampleType);
        return i >= 0 ? i : sampleTypes.size() - 1;
    }
}
