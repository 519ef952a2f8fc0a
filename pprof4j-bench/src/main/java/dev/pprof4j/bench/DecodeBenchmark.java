package dev.pprof4j.bench;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
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
 * Decoding the large profile (bench/LargeProfile.java's, which bench/decode.sh writes and
 * passes as {@code -p file=PATH}: 300 000 samples, 25.8 MB gzip), alone, followed by a bare flat/cum aggregation (the same as bench/goparse's, for
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

    /** The gzip-compressed profile to decode; bench/decode.sh writes it with bench/LargeProfile.java. */
    @Param({"large.pb.gz"})
    public String file;

    private byte[] data;
    private final ProfileDecoder decoder = new ProfileDecoder();

    @Setup
    public void setUp() throws IOException {
        data = Files.readAllBytes(Path.of(file));
        if (encoding.equals("raw")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
                data = in.readAllBytes();
            }
        }
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
