package dev.pprof4j.bench;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The large profile the benchmarks read: a heap-like profile (four values per sample) with
 * Java-like names, stacks 8–64 deep that share callers near the root, some labelled
 * samples; the same bytes for the same seed. {@code main OUT [SAMPLES]} writes it
 * gzip-compressed, for the side-by-side timings against go tool pprof.
 */
public final class LargeProfile {
    public static final long SEED = 20240611L;
    public static final int SAMPLES = 250_000;
    public static final int FUNCTIONS = 30_000;

    private LargeProfile() {
    }

    public static Profile generate(long seed, int sampleCount, int functionCount) {
        Random r = new Random(seed);
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("alloc_objects", "count"));
        p.sampleTypes.add(new ValueType("alloc_space", "bytes"));
        p.sampleTypes.add(new ValueType("inuse_objects", "count"));
        p.sampleTypes.add(new ValueType("inuse_space", "bytes"));
        p.defaultSampleType = "inuse_space";
        p.periodType = new ValueType("space", "bytes");
        p.period = 524288;
        p.timeNanos = 1_700_000_000_000_000_000L;
        p.comments.add("synthetic benchmark profile, seed " + seed);
        Mapping m = new Mapping();
        m.id = 1;
        m.file = "[jvm]";
        m.hasFunctions = true;
        m.hasFilenames = true;
        m.hasLineNumbers = true;
        p.mappings.add(m);
        for (int i = 0; i < functionCount; i++) {
            String pkg = "com.example.service" + (i % 211) + ".module" + (i % 7);
            String cls = "Handler" + (i % 1777);
            Function f = new Function(pkg + "." + cls + ".process" + i, pkg.replace('.', '/') + "/" + cls + ".java");
            f.id = i + 1;
            f.startLine = 1 + r.nextInt(900);
            p.functions.add(f);
        }
        int locationCount = functionCount * 3;
        for (int i = 0; i < locationCount; i++) {
            Function f = p.functions.get(i / 3);
            Location l = new Location(new Line(f, f.startLine + 2L * (i % 3) + r.nextInt(5)));
            l.id = i + 1;
            l.mapping = m;
            l.address = 0x400000L + i * 24L;
            p.locations.add(l);
        }
        for (int i = 0; i < sampleCount; i++) {
            int depth = 8 + r.nextInt(57);
            List<Location> stack = new ArrayList<>(depth);
            for (int d = 0; d < depth; d++) {
                int bound = Math.max(16, locationCount * (depth - d) / 64);
                stack.add(p.locations.get((int) (Math.abs(r.nextGaussian()) * bound / 2.5) % locationCount));
            }
            long objects = 1 + r.nextInt(5000);
            long bytes = objects * (16 + r.nextInt(4096));
            long inuse = r.nextInt(4) == 0 ? 0 : objects / (1 + r.nextInt(8));
            Sample s = new Sample(stack, objects, bytes, inuse, inuse * (bytes / objects));
            if (r.nextInt(8) == 0) {
                s.addLabel("thread", "worker-" + r.nextInt(64));
            }
            p.samples.add(s);
        }
        return p;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LargeProfile OUT.pb.gz [SAMPLES]");
            System.exit(2);
        }
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : SAMPLES;
        Profile p = generate(SEED, samples, FUNCTIONS);
        Path out = Path.of(args[0]);
        ProfileEncoder.writeGzip(p, out);
        System.out.printf("%s: %d samples, %d locations, %.1f MB compressed, %.1f MB decompressed%n", out,
                p.samples.size(), p.locations.size(), Files.size(out) / 1e6,
                ProfileEncoder.toProtoBytes(p).length / 1e6);
    }
}
