package dev.pprof4j.runtime.http;

import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Go's {@code debug=1} text for count profiles ({@code goroutine profile: total 4}, then
 * {@code N @ addresses} and one {@code #} line per frame) and for contention profiles
 * ({@code --- contention:}). Java frames have no program counters, so each location's id
 * stands in as its address: consistent within one response, which is all the format needs.
 */
final class LegacyText {
    private LegacyText() {
    }

    /** Samples by their first value, largest first, as Go sorts them. */
    static String counts(String name, Profile profile) {
        List<Sample> samples = sorted(profile, 0);
        long total = 0;
        for (Sample sample : samples) {
            total += sample.values[0];
        }
        StringBuilder out = new StringBuilder(64 + samples.size() * 256);
        out.append(name).append(" profile: total ").append(total).append('\n');
        for (String comment : profile.comments) {
            out.append("# ").append(comment).append('\n');
        }
        for (Sample sample : samples) {
            out.append(sample.values[0]).append(' ');
            stack(out, sample);
        }
        return out.toString();
    }

    /**
     * Go's block ({@code --- contention:}) and mutex ({@code --- mutex:}) text: {@code cycles
     * count @ addresses}. With {@code cycles/second=1000000000} a cycle is a nanosecond, which is
     * what we measure. As Go writes it, the mutex text says {@code sampling period=N} and its
     * values are the sampled ones, which readers (pprof's legacy parser) multiply by N.
     *
     * @param samplingPeriod 0 for no {@code sampling period=} line (block)
     */
    static String contention(String name, int samplingPeriod, Profile profile) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(name).append(":\ncycles/second=1000000000\n");
        if (samplingPeriod > 0) {
            out.append("sampling period=").append(samplingPeriod).append('\n');
        }
        for (String comment : profile.comments) {
            out.append("# ").append(comment).append('\n');
        }
        long period = Math.max(1, samplingPeriod);
        for (Sample sample : sorted(profile, 1)) {
            out.append(sample.values[1] / period).append(' ').append(sample.values[0] / period).append(' ');
            stack(out, sample);
        }
        return out.toString();
    }

    /** Allocation samples in the spirit of Go's heap text: {@code samples: bytes @ addresses}. */
    static String allocations(String name, Profile profile) {
        StringBuilder out = new StringBuilder();
        List<Sample> samples = sorted(profile, profile.sampleTypes.size() - 1);
        out.append(name).append(" profile (").append(profile.sampleTypes).append(")\n");
        for (String comment : profile.comments) {
            out.append("# ").append(comment).append('\n');
        }
        for (Sample sample : samples) {
            for (int i = 0; i < sample.values.length; i++) {
                out.append(i == 0 ? "" : i % 2 == 1 ? ": " : " [").append(sample.values[i]);
                if (i >= 2 && i % 2 == 1) {
                    out.append(']');
                }
            }
            out.append(' ');
            stack(out, sample);
        }
        return out.toString();
    }

    private static List<Sample> sorted(Profile profile, int index) {
        List<Sample> samples = new ArrayList<>(profile.samples);
        samples.sort(Comparator.comparingLong((Sample s) -> -s.values[index]));
        return samples;
    }

    private static void stack(StringBuilder out, Sample sample) {
        out.append('@');
        for (Location location : sample.locations) {
            out.append(" 0x").append(Long.toHexString(location.id));
        }
        out.append('\n');
        for (Location location : sample.locations) {
            for (Line line : location.lines) {
                out.append("#\t0x").append(Long.toHexString(location.id)).append('\t')
                        .append(line.function().name).append("+0x0\t")
                        .append(line.function().filename).append(':').append(line.line()).append('\n');
            }
        }
        out.append('\n');
    }
}
