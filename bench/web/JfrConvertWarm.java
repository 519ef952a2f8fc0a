import dev.pprof4j.cli.input.JfrEventKind;
import dev.pprof4j.cli.input.JfrProfileReader;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import one.convert.Arguments;
import one.convert.JfrToPprof;

/**
 * In-process, warmed-up JFR to pprof (.pb.gz written to a file): pprof4j's reader (all four
 * event kinds in one pass, and each kind the converter converts alone) against
 * async-profiler's converter (one event type per call: cpu, alloc, lock), interleaved round
 * by round; prints the median wall time of each.
 *
 * usage: java -cp pprof4j.jar:jfr-converter.jar JfrConvertWarm.java RECORDING [ROUNDS] [WARMUP]
 */
public class JfrConvertWarm {
    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path out = Files.createTempDirectory("jfr-warm");
        String[] names = {"pprof4j (all four kinds)", "jfr-converter cpu", "jfr-converter --alloc", "jfr-converter --lock",
            "pprof4j cpu", "pprof4j alloc", "pprof4j lock"};
        String[][] modes = {null, {"-o", "pb.gz"}, {"--alloc", "-o", "pb.gz"}, {"--lock", "-o", "pb.gz"},
            {"cpu"}, {"alloc"}, {"lock"}};
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            times.add(new ArrayList<>());
        }
        for (int round = -warmup; round < rounds; round++) {
            for (int i = 0; i < names.length; i++) {
                Path target = out.resolve("out" + i + ".pb.gz");
                long start = System.nanoTime();
                if (modes[i] == null) {
                    Profile profile = JfrProfileReader.read(recording);
                    ProfileEncoder.writeGzip(profile, target);
                } else if (modes[i].length == 1) {
                    Profile profile = JfrProfileReader.read(recording, JfrEventKind.parse(modes[i][0]));
                    ProfileEncoder.writeGzip(profile, target);
                } else {
                    JfrToPprof.convert(recording.toString(), target.toString(), new Arguments(modes[i]));
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (round >= 0) {
                    times.get(i).add(ms);
                }
            }
        }
        double anchor = median(times.get(1));
        System.out.printf("| conversion (in-process, warm) | median ms of %d | vs jfr-converter cpu |%n", rounds);
        System.out.println("|---|---|---|");
        for (int i = 0; i < names.length; i++) {
            double m = median(times.get(i));
            System.out.printf("| %s | %.2f | %.2f |%n", names[i], m, m / anchor);
        }
        double sum = median(times.get(1)) + median(times.get(2)) + median(times.get(3));
        System.out.printf("| jfr-converter, the three calls | %.2f | %.2f |%n", sum, sum / anchor);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
