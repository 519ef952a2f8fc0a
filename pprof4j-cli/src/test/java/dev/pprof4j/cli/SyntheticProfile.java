package dev.pprof4j.cli;

import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded profile big enough that every trimming path of the reports runs: thousands of
 * nodes of which most fall under nodefraction (so calls skip them: residual calls), light
 * calls under edgefraction, inlined frames (several lines per location, so (inline) and
 * (partial-inline) labels), recursion (a function twice in one stack), zero values, and two
 * sample types. The Go programs' profiles are too small for most of this. No negative values:
 * go tool pprof orders calls of equal |weight| but opposite sign as its map iteration falls
 * (its -peek output then changes from run to run); the -base cases cover negative values.
 */
final class SyntheticProfile {
    private static Path file;

    private SyntheticProfile() {
    }

    static synchronized String path() {
        if (file == null) {
            try {
                Path f = Files.createTempFile("pprof4j-synthetic", ".pb.gz");
                f.toFile().deleteOnExit();
                ProfileEncoder.writeGzip(generate(new Random(20261125)), f);
                file = f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file.toString();
    }

    static Profile generate(Random rnd) {
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        p.sampleTypes.add(new ValueType("cpu", "nanoseconds"));
        p.periodType = new ValueType("cpu", "nanoseconds");
        p.period = 10_000_000;
        Mapping m = new Mapping();
        m.id = 1;
        m.file = "/srv/app";
        m.hasFunctions = m.hasFilenames = m.hasLineNumbers = m.hasInlineFrames = true;
        p.mappings.add(m);
        List<Function> functions = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Function f = new Function("app/pkg" + i % 13 + ".Fn" + i, "/src/app/pkg" + i % 13 + "/f" + i % 5 + ".go");
            f.id = i + 1;
            functions.add(f);
            p.functions.add(f);
        }
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            Location l = new Location();
            l.id = i + 1;
            l.mapping = m;
            l.address = 0x1000 + 8L * i;
            int lines = rnd.nextInt(5) == 0 ? 2 + rnd.nextInt(2) : 1; // inlined calls in one in five
            for (int k = 0; k < lines; k++) {
                Function f = functions.get(skewed(rnd, functions.size()));
                l.lines.add(new Line(f, 10 + rnd.nextInt(40)));
            }
            locations.add(l);
            p.locations.add(l);
        }
        for (int s = 0; s < 4000; s++) {
            int depth = 1 + rnd.nextInt(24);
            List<Location> stack = new ArrayList<>(depth);
            for (int d = 0; d < depth; d++) {
                if (d > 2 && rnd.nextInt(10) == 0) {
                    stack.add(stack.get(rnd.nextInt(d))); // recursion
                } else {
                    stack.add(locations.get(skewed(rnd, locations.size())));
                }
            }
            long count = rnd.nextInt(20) == 0 ? 0 : 1 + rnd.nextInt(9);
            long nanos = count * 10_000_000L;
            p.samples.add(new Sample(stack, count, nanos));
        }
        return p;
    }

    /** Mostly small indexes: a few hot functions and locations, a long tail. */
    private static int skewed(Random rnd, int n) {
        double x = rnd.nextDouble();
        return (int) (n * x * x * x);
    }
}
