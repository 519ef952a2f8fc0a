import dev.pprof4j.profile.Function;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Mapping;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a large, seeded heap-like profile for benchmarks:
 * {@code java -cp pprof4j-cli/target/pprof4j.jar bench/LargeProfile.java OUT [SAMPLES]}.
 * Stacks are 8-56 frames deep over 20 000 functions in 600 classes (some calls inlined),
 * so the profile is as hard to aggregate as a big service's, not a repetition of one stack.
 */
public class LargeProfile {
    public static void main(String[] args) throws Exception {
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        Random rnd = new Random(20240601);
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("alloc_objects", "count"));
        p.sampleTypes.add(new ValueType("alloc_space", "bytes"));
        p.sampleTypes.add(new ValueType("inuse_objects", "count"));
        p.sampleTypes.add(new ValueType("inuse_space", "bytes"));
        p.periodType = new ValueType("space", "bytes");
        p.period = 524288;
        p.timeNanos = 1_700_000_000_000_000_000L;
        Mapping m = new Mapping();
        m.id = 1;
        m.file = "/opt/service/bin/server";
        m.hasFunctions = m.hasFilenames = m.hasLineNumbers = true;
        p.mappings.add(m);
        int nFunctions = 20_000;
        List<Function> fns = new ArrayList<>();
        for (int i = 0; i < nFunctions; i++) {
            Function f = new Function("com.example.service.pkg" + (i % 600) + ".Class" + (i % 97) + ".method" + i,
                    "com/example/service/pkg" + (i % 600) + "/Class" + (i % 97) + ".java");
            f.id = i + 1;
            f.startLine = 10 + i % 300;
            fns.add(f);
            p.functions.add(f);
        }
        int nLocations = 120_000;
        List<Location> locs = new ArrayList<>();
        for (int i = 0; i < nLocations; i++) {
            Location l = new Location();
            l.id = i + 1;
            l.mapping = m;
            l.address = 0x400000L + 16L * i;
            Function f = fns.get(skewed(rnd, nFunctions));
            l.lines.add(new Line(f, f.startLine + rnd.nextInt(200)));
            if (rnd.nextInt(10) == 0) {
                Function caller = fns.get(rnd.nextInt(nFunctions));
                l.lines.add(new Line(caller, caller.startLine + rnd.nextInt(200)));
            }
            locs.add(l);
            p.locations.add(l);
        }
        for (int s = 0; s < samples; s++) {
            int depth = 8 + rnd.nextInt(49);
            List<Location> stack = new ArrayList<>(depth);
            for (int d = 0; d < depth; d++) {
                stack.add(locs.get(skewed(rnd, nLocations)));
            }
            long objects = 1 + rnd.nextInt(50);
            long bytes = objects * (16 + rnd.nextInt(4096));
            Sample sample = new Sample(stack, objects, bytes, objects / 2, bytes / 2);
            p.samples.add(sample);
        }
        ProfileEncoder.writeGzip(p, Path.of(args[0]));
    }

    /** Mostly small indexes: a few hot functions, a long tail. */
    private static int skewed(Random rnd, int n) {
        double x = rnd.nextDouble();
        return (int) (n * x * x * x);
    }
}
