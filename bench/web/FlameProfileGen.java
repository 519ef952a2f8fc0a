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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a CPU profile of SAMPLES samples (one pprof Sample each, value 1 / 10 ms) whose
 * stacks are random walks through a call graph of FUNCTIONS Java methods, 8 to 48 frames
 * deep, so that many stacks are distinct, as in a large service. Seeded: the same arguments
 * give the same file.
 *
 * usage: java -cp <profile classes> FlameProfileGen.java OUT SAMPLES [FUNCTIONS] [SEED]
 */
public class FlameProfileGen {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int samples = Integer.parseInt(args[1]);
        int functionCount = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : 42);
        Profile p = new Profile();
        p.sampleTypes.add(new ValueType("samples", "count"));
        p.sampleTypes.add(new ValueType("cpu", "nanoseconds"));
        p.periodType = new ValueType("cpu", "nanoseconds");
        p.period = 10_000_000;
        Mapping m = new Mapping();
        m.id = 1;
        m.file = "synthetic";
        m.hasFunctions = true;
        p.mappings.add(m);
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < functionCount; i++) {
            String name = "com.example.service.module" + (i % 37) + ".Component" + (i % 611) + ".operation" + i;
            Function f = new Function(name, "com/example/service/module" + (i % 37) + "/Component" + (i % 611) + ".java");
            f.id = i + 1;
            p.functions.add(f);
            Location l = new Location(new Line(f, 10 + i % 300));
            l.id = i + 1;
            l.mapping = m;
            locations.add(l);
            p.locations.add(l);
        }
        // Each function calls a few others (a skewed fan-out), so popular paths repeat and the
        // tail is long.
        int[][] callees = new int[functionCount][];
        for (int i = 0; i < functionCount; i++) {
            callees[i] = new int[2 + random.nextInt(5)];
            for (int k = 0; k < callees[i].length; k++) {
                callees[i][k] = random.nextInt(functionCount);
            }
        }
        Set<List<Location>> distinct = new HashSet<>();
        for (int s = 0; s < samples; s++) {
            int depth = 8 + random.nextInt(41);
            List<Location> rootFirst = new ArrayList<>(depth);
            int f = random.nextInt(8); // a handful of thread entry points
            for (int d = 0; d < depth; d++) {
                rootFirst.add(locations.get(f));
                int[] next = callees[f];
                double u = random.nextDouble();
                f = next[(int) (u * u * next.length)];
            }
            List<Location> leafFirst = new ArrayList<>(depth);
            for (int d = depth - 1; d >= 0; d--) {
                leafFirst.add(rootFirst.get(d));
            }
            if (distinct.size() < 5_000_000) {
                distinct.add(leafFirst);
            }
            p.samples.add(new Sample(leafFirst, 1, 10_000_000));
        }
        ProfileEncoder.writeGzip(p, out);
        System.out.println(samples + " samples, " + distinct.size() + " distinct stacks, " + functionCount + " functions -> " + out);
    }
}
