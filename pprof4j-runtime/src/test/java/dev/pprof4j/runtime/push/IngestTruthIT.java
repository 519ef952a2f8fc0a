package dev.pprof4j.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.GoPprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pushapi=ingest}, for Pyroscope servers before the Push API, checked against the
 * {@code /ingest} rules the recording receiver applies ({@code name=app{k=v}}, integer
 * {@code from}/{@code until}, {@code format=pprof} with a raw gzipped pprof body) and against
 * what Pyroscope makes of each profile: the kind it infers from the sample type names, the
 * units those carry, the window the query names. Truth is carried through as in
 * {@link PushTruthIT}: the receiver sums the windows of {@link PushWorkload}'s known CPU split
 * and allocation sites (±5 points, ±15 %, at least 4 sigma, printed).
 */
class IngestTruthIT {
    static final int SECONDS = 8;

    @TempDir
    Path dir;

    @Test
    void ingestRequestsFollowTheRulesAndSumToTheTruth() throws Exception {
        long startSeconds = System.currentTimeMillis() / 1000;
        try (RecordingIngestServer receiver = new RecordingIngestServer();
                ChildJvm app = ChildJvm.builder(PushWorkload.class.getName())
                        .agent(ChildJvm.agentJar(), "port=0,pyroscope=" + receiver.url() + ",app=ingest-truth,"
                                + "pushapi=ingest,pushinterval=2s,labels=env:test;team:pprof4j,memprofilerate=65536")
                        .args(String.valueOf(SECONDS)).start()) {
            app.await(Pattern.compile("ready"), Duration.ofSeconds(120));
            Matcher truth = app.await(PushTruthIT.TRUTH, Duration.ofSeconds(SECONDS + 90));
            long workloadEnd = System.currentTimeMillis();
            // A window's requests go CPU, memory, mutex: once its mutex arrived, the whole window has.
            PushTruthIT.awaitUntil(() -> receiver.ingests().stream().filter(i -> "mutex".equals(i.kind()))
                    .anyMatch(i -> PushTruthIT.ends(i.profile()) > workloadEnd), "a mutex window ending after the workload");
            long endSeconds = System.currentTimeMillis() / 1000 + 1;
            List<RecordingIngestServer.Ingest> ingests = receiver.ingests();
            assertTrue(receiver.refusals().isEmpty(), "refused: " + receiver.refusals());
            assertTrue(receiver.arrivals().stream().allMatch(a -> a.path().equals("/ingest")),
                    "only /ingest is used: " + receiver.arrivals().stream().map(RecordingIngestServer.Arrival::path)
                            .collect(Collectors.toSet()));

            // The kinds Pyroscope infers: CPU, memory and mutex; block and goroutine are not sent
            // (their sample types would be filed as mutex and goroutines).
            assertEquals(Set.of("process_cpu", "memory", "mutex"),
                    ingests.stream().map(RecordingIngestServer.Ingest::kind).collect(Collectors.toSet()));
            for (RecordingIngestServer.Ingest ingest : ingests) {
                String where = ingest.query().toString();
                assertEquals("ingest-truth", ingest.app(), where);
                assertEquals(Map.of("env", "test", "team", "pprof4j"), ingest.labels(), where);
                assertEquals("pprof", ingest.query().get("format"), where);
                assertEquals("application/octet-stream", ingest.contentType(), where);
                assertTrue((ingest.body()[0] & 0xff) == 0x1f && (ingest.body()[1] & 0xff) == 0x8b, "gzipped: " + where);
                // from and until in whole seconds (ten digits), within the run, the window the profile holds.
                long from = Long.parseLong(ingest.query().get("from"));
                long until = Long.parseLong(ingest.query().get("until"));
                assertTrue(ingest.query().get("from").length() == 10 && ingest.query().get("until").length() == 10, where);
                assertTrue(from >= startSeconds && until > from && until <= endSeconds, where + " run " + startSeconds
                        + ".." + endSeconds);
                assertEquals(from, ingest.profile().timeNanos / 1_000_000_000L, where);
                assertEquals(until, (ingest.profile().timeNanos + ingest.profile().durationNanos) / 1_000_000_000L, where);
            }
            // Units come from the sample types (the query's units= is not read for pprof).
            assertEquals(List.of(new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds")),
                    profiles(ingests, "process_cpu").get(0).sampleTypes);
            assertEquals(List.of(new ValueType("alloc_objects", "count"), new ValueType("alloc_space", "bytes"),
                    new ValueType("inuse_objects", "count"), new ValueType("inuse_space", "bytes")),
                    profiles(ingests, "memory").get(0).sampleTypes);
            assertEquals(List.of(new ValueType("contentions", "count"), new ValueType("delay", "nanoseconds")),
                    profiles(ingests, "mutex").get(0).sampleTypes);
            PushTruthIT.assertStableAddresses(ingests.stream().map(RecordingIngestServer.Ingest::profile).toList());
            // Windows of a kind follow one another: each from is the previous until.
            for (String kind : List.of("process_cpu", "memory", "mutex")) {
                List<long[]> windows = ingests.stream().filter(i -> i.kind().equals(kind))
                        .map(i -> new long[] {Long.parseLong(i.query().get("from")), Long.parseLong(i.query().get("until"))})
                        .sorted(Comparator.comparingLong(w -> w[0])).toList();
                assertTrue(windows.size() >= SECONDS / 2, kind + ": " + windows.size() + " windows");
                for (int i = 1; i < windows.size(); i++) {
                    assertEquals(windows.get(i - 1)[1], windows.get(i)[0], kind + " window " + i + " starts where the previous ends");
                }
            }

            // Real go tool pprof reads a body as sent.
            RecordingIngestServer.Ingest fullest = ingests.stream().filter(i -> i.kind().equals("memory"))
                    .max(Comparator.comparingInt(i -> i.profile().samples.size())).orElseThrow();
            Path file = Files.write(dir.resolve("memory.pb.gz"), fullest.body());
            assertTrue(GoPprof.run("-raw", file.toString()).contains("PushWorkload"), "go tool pprof reads the body");

            // Truth: the CPU split and the bytes per site, summed over the windows.
            List<Profile> cpu = profiles(ingests, "process_cpu");
            double hotTruth = Long.parseLong(truth.group(1));
            double truthShare = 100 * hotTruth / (hotTruth + Long.parseLong(truth.group(2)));
            long[] hot = PushTruthIT.sum(cpu, "CpuSplit.hot", 0, 1);
            long[] cold = PushTruthIT.sum(cpu, "CpuSplit.cold", 0, 1);
            double sentShare = 100.0 * hot[1] / (hot[1] + cold[1]);
            double p = sentShare / 100;
            double sigma = 100 * Math.sqrt(p * (1 - p) / (hot[0] + cold[0]));
            double bound = Math.max(5.0, 4 * sigma);
            assertEquals(truthShare, sentShare, bound, String.format("hot share: truth %.1f%%, sent %.1f%% over %d windows,"
                    + " %d samples, sigma %.2f points, bound %.1f", truthShare, sentShare, cpu.size(), hot[0] + cold[0],
                    sigma, bound));
            System.out.printf("ingest truth: CPU hot share truth %.1f%% sent %.1f%% (sigma %.2f)%n", truthShare,
                    sentShare, sigma);
            List<Profile> memory = profiles(ingests, "memory");
            for (String[] site : new String[][] {{"bigArrays", truth.group(3)}, {"smallArrays", truth.group(4)}}) {
                double want = Double.parseDouble(site[1]);
                double got = PushTruthIT.sum(memory, "PushWorkload." + site[0], 1, 1)[1];
                double relSigma = 1 / Math.sqrt(Math.max(1, want / 65536));
                double relBound = Math.max(0.15, 4 * relSigma);
                assertEquals(want, got, want * relBound, String.format("%s: truth %.1f MB, sent %.1f MB, sigma %.1f%%,"
                        + " bound %.0f%%", site[0], want / 1e6, got / 1e6, 100 * relSigma, 100 * relBound));
                System.out.printf("ingest truth: %s truth %.1f MB sent %.1f MB (sigma %.1f%%)%n", site[0], want / 1e6,
                        got / 1e6, 100 * relSigma);
            }
        }
    }

    private static List<Profile> profiles(List<RecordingIngestServer.Ingest> ingests, String kind) {
        return ingests.stream().filter(i -> kind.equals(i.kind())).map(RecordingIngestServer.Ingest::profile)
                .sorted(Comparator.comparingLong(p -> p.timeNanos)).toList();
    }
}
