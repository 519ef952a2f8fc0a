package dev.pprof4j.bench;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.ProfileEncoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding the large profile ({@link LargeProfile}: 250 000 samples, ~24 MB gzip, ~30 MB
 * raw), alone, followed by a bare flat/cum aggregation (the same as bench/goparse's, for
 * comparing with Go in-process), and followed by the real -top report of the command line
 * ({@link TopReportRun}), from gzip and from raw protobuf bytes already in memory (so the
 * disk is not measured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class DecodeBenchmark {
    @Param({"gzip", "raw"})
    public String encoding;

    private byte[] data;
    private final ProfileDecoder decoder = new ProfileDecoder();

    @Setup
    public void setUp() {
        Profile p = LargeProfile.generate(LargeProfile.SEED, LargeProfile.SAMPLES, LargeProfile.FUNCTIONS);
        data = encoding.equals("gzip") ? ProfileEncoder.toGzipBytes(p) : ProfileEncoder.toProtoBytes(p);
    }

    @Benchmark
    public Profile decode() throws Exception {
        return decoder.decode(data);
    }

    @Benchmark
    public List<TopAggregation.Row> decodeAndTop() throws Exception {
        Profile p = decoder.decode(data);
        return TopAggregation.top(p, p.defaultSampleIndex(), 10);
    }

    @Benchmark
    public String decodeAndReport() throws Exception {
        return TopReportRun.run(decoder, data);
    }
}
