package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Difference;
import dev.pprof4j.profile.FramePruner;
import dev.pprof4j.profile.IncompatibleProfilesException;
import dev.pprof4j.profile.Merger;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The calls into pprof4j-profile that the command line makes, in one place. */
final class ProfileOps {
    private ProfileOps() {
    }

    /** The decoder's refusal names our flag, not the library's system property, which we do not read. */
    private static final String MAX_BYTES_FLAG = "-max_bytes N";

    static Profile decode(InputStream in, long maxBytes) throws IOException {
        return decoder(maxBytes).decode(in);
    }

    static Profile decode(java.nio.file.Path file, long maxBytes) throws IOException {
        return decoder(maxBytes).decode(file);
    }

    /**
     * Every profile read is merged ({@link #merge}), so the decoder merges equal samples as it
     * reads them: the same profile in the end, in memory for its distinct samples only.
     */
    private static ProfileDecoder decoder(long maxBytes) {
        return new ProfileDecoder(maxBytes, MAX_BYTES_FLAG).mergingSamples();
    }

    /**
     * Merges as go tool pprof does, even a single profile (zero samples go, duplicates join);
     * the profiles read are not used again, so their samples are let go of while merging.
     */
    static Profile merge(List<Profile> profiles) {
        try {
            return Merger.mergeReleasing(profiles);
        } catch (IncompatibleProfilesException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Profile combine(Profile p, Profile base, boolean diffBase, boolean normalize) {
        try {
            return Difference.combine(p, base, diffBase, normalize);
        } catch (IncompatibleProfilesException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The profile's own drop_frames/keep_frames, which go tool pprof applies on reading. */
    static void removeUninteresting(Profile p) throws IOException {
        FramePruner.removeUninteresting(p);
    }
}
