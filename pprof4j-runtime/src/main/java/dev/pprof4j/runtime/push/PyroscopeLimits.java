package dev.pprof4j.runtime.push;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * What Pyroscope's distributor accepts (pkg/validation): at most 16 000 samples and 4 MiB of
 * uncompressed pprof per profile; sample type names without {@code -}; non-zero location and
 * function ids (the encoder numbers them from 1). A window over the limits keeps its largest
 * samples and drops the smallest, saying so in a comment, rather than being refused whole:
 * the top of a flame graph is what a reader needs, and the tail is what a sampler is least
 * sure of anyway.
 */
final class PyroscopeLimits {
    static final int MAX_SAMPLES = 16_000;
    static final int MAX_UNCOMPRESSED_BYTES = 4 << 20;

    private PyroscopeLimits() {
    }

    /** The gzipped pprof of {@code profile}, trimmed to the limits when needed (the profile is changed). */
    static byte[] rawProfile(Profile profile) {
        return gzip(proto(profile));
    }

    /** The pprof of {@code profile}, trimmed to the limits when needed (the profile is changed), not gzipped yet. */
    static byte[] proto(Profile profile) {
        checkSampleTypeNames(profile);
        int total = profile.samples.size();
        int keep = Math.min(total, MAX_SAMPLES);
        byte[] proto;
        while (true) {
            Profile kept = trim(profile, keep, total);
            proto = ProfileEncoder.toProtoBytes(kept);
            if (proto.length <= MAX_UNCOMPRESSED_BYTES || keep <= 1) {
                break;
            }
            keep = (int) (keep * (MAX_UNCOMPRESSED_BYTES * 0.9 / proto.length));
        }
        return proto;
    }

    private static Profile trim(Profile profile, int keep, int total) {
        if (profile.samples.size() <= keep) {
            return profile;
        }
        int column = profile.sampleTypes.size() - 1; // Go's default: the last type (cpu, inuse_space, delay)
        List<Sample> bySize = new ArrayList<>(profile.samples);
        bySize.sort(Comparator.comparingLong((Sample s) -> Math.abs(s.values[column])).reversed());
        profile.samples.clear();
        profile.samples.addAll(bySize.subList(0, keep));
        profile.comments.removeIf(c -> c.startsWith("pprof4j push: kept the "));
        profile.comments.add("pprof4j push: kept the " + keep + " largest of " + total
                + " samples (Pyroscope accepts at most " + MAX_SAMPLES + " samples and 4 MiB a profile)");
        return dev.pprof4j.profile.Merger.compact(profile); // without the frames only dropped samples used
    }

    private static void checkSampleTypeNames(Profile profile) {
        profile.sampleTypes.forEach(t -> {
            if (t.type().contains("-")) {
                throw new IllegalStateException("sample type " + t.type() + " has a '-', which Pyroscope refuses");
            }
        });
    }

    /**
     * Gzipped at the fastest level, as Go's runtime/pprof writes its profiles: measured on a
     * 340 KB profile, less than half the default level's CPU for a body about 12 % larger, and the
     * push thread's CPU is what a push costs the service.
     */
    static byte[] gzip(byte[] proto) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(proto.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(proto);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream failed", e);
        }
        return out.toByteArray();
    }
}
