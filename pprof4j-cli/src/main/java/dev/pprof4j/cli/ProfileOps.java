package dev.pprof4j.cli;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The calls into pprof4j-profile that the command line makes, in one place. */
final class ProfileOps {
    private ProfileOps() {
    }

    static Profile decode(InputStream in, long maxBytes) throws IOException {
        return new ProfileDecoder(maxBytes).decode(in);
    }

    static Profile decode(java.nio.file.Path file, long maxBytes) throws IOException {
        return new ProfileDecoder(maxBytes).decode(file);
    }

    static Profile merge(List<Profile> profiles) {
        if (profiles.size() == 1) {
            // go tool pprof merges even one profile, which drops samples whose values are all zero
            Profile p = profiles.get(0);
            p.samples.removeIf(ProfileOps::isZero);
            return p;
        }
        throw new CliError("merging profiles is not available in this build yet");
    }

    private static boolean isZero(Sample s) {
        for (long v : s.values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    static void scale(Profile p, double ratio) {
        for (Sample s : p.samples) {
            for (int i = 0; i < s.values.length; i++) {
                s.values[i] = (long) (s.values[i] * ratio);
            }
        }
    }

    static void setLabel(Profile p, String key, String value) {
        for (Sample s : p.samples) {
            if (s.labels.isEmpty()) {
                s.labels = new java.util.LinkedHashMap<>();
            }
            s.labels.put(key, new ArrayList<>(List.of(value)));
        }
    }

    static void removeUninteresting(Profile p) {
    }
}
