package dev.pprof4j.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.ValueType;
import dev.pprof4j.testkit.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side by side with the reference sender, Grafana's own Java agent {@code io.pyroscope:agent:2.9.2}
 * (async-profiler inside; JFR to {@code /ingest}): both run the same workload against the same
 * recording receiver, and what Pyroscope would show from each is compared — service name,
 * user labels, profile kinds and units, and windows that cover the run without gaps. The
 * reference's JFR is mapped to Pyroscope's kinds as Pyroscope's JFR converter (grafana/jfr-parser)
 * maps it: execution samples → {@code process_cpu} in {@code cpu/nanoseconds}, TLAB allocations →
 * {@code memory}, monitor enters → {@code mutex}, parks → {@code block}.
 */
class ReferenceSenderIT {
    static final int SECONDS = 10;
    static final String APP = "side-by-side";
    static final Map<String, String> JFR_KINDS = Map.of(
            "jdk.ExecutionSample", "process_cpu",
            "jdk.ObjectAllocationInNewTLAB", "memory",
            "jdk.ObjectAllocationOutsideTLAB", "memory",
            "jdk.JavaMonitorEnter", "mutex",
            "jdk.ThreadPark", "block");
    static final Pattern NAME = Pattern.compile("([^{]+)\\{(.*)}");

    @TempDir
    Path dir;

    @Test
    void bothShowTheSameServiceLabelsKindsAndUnbrokenWindows() throws Exception {
        Path reference = Path.of(System.getProperty("pyroscope.reference.agent.jar",
                "target/reference/pyroscope-agent.jar"));
        assertTrue(Files.isRegularFile(reference), "the reference agent is copied by the build: " + reference);
        try (RecordingIngestServer receiver = new RecordingIngestServer();
                ChildJvm ours = ChildJvm.builder(PushWorkload.class.getName())
                        .agent(ChildJvm.agentJar(), "port=0,pyroscope=" + receiver.url() + ",app=" + APP
                                + ",pushinterval=2s,labels=env:test")
                        .args(String.valueOf(SECONDS)).start();
                ChildJvm theirs = ChildJvm.builder(PushWorkload.class.getName())
                        .jvmArg("-javaagent:" + reference)
                        .env("PYROSCOPE_SERVER_ADDRESS", receiver.url())
                        .env("PYROSCOPE_APPLICATION_NAME", APP)
                        .env("PYROSCOPE_UPLOAD_INTERVAL", "2s")
                        .env("PYROSCOPE_PROFILER_ALLOC", "512k")
                        .env("PYROSCOPE_PROFILER_LOCK", "10ms")
                        .env("PYROSCOPE_LABELS", "env=test")
                        .args(String.valueOf(SECONDS)).start()) {
            ours.await(Pattern.compile("truth cpu"), Duration.ofSeconds(SECONDS + 90));
            theirs.await(Pattern.compile("truth cpu"), Duration.ofSeconds(SECONDS + 90));
            Thread.sleep(5000);

            // The reference: one /ingest per interval, JFR in a multipart part named "jfr".
            List<RecordingIngestServer.Ingest> ingests = receiver.ingests();
            assertTrue(ingests.size() >= 3, "reference uploads: " + ingests.size() + "\n" + theirs.output());
            Set<String> theirKinds = new TreeSet<>();
            Map<String, String> theirLabels = new TreeMap<>();
            List<long[]> theirWindows = new ArrayList<>();
            String theirService = null;
            for (RecordingIngestServer.Ingest ingest : ingests) {
                assertEquals("jfr", ingest.query().get("format"), ingest.query().toString());
                assertTrue(ingest.parts().contains("jfr"), ingest.parts().toString());
                Matcher name = NAME.matcher(ingest.query().get("name"));
                assertTrue(name.matches(), ingest.query().get("name"));
                theirService = name.group(1);
                for (String pair : name.group(2).split(",")) {
                    theirLabels.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
                theirWindows.add(new long[] {Long.parseLong(ingest.query().get("from")),
                        Long.parseLong(ingest.query().get("until"))});
                theirKinds.addAll(kindsOf(MultipartParts.parts(ingest.contentType(), ingest.body()).get("jfr")));
            }

            // Ours: one Push per interval, one series per kind.
            List<RecordingIngestServer.Series> series = receiver.series();
            assertTrue(receiver.refusals().isEmpty(), receiver.refusals().toString());
            Set<String> ourKinds = new TreeSet<>();
            Map<String, Set<String>> ourTypes = new LinkedHashMap<>();
            String ourService = null;
            for (RecordingIngestServer.Series s : series) {
                ourKinds.add(s.name());
                ourService = s.labels().get("service_name");
                assertEquals("test", s.labels().get("env"));
                ourTypes.computeIfAbsent(s.name(), k -> new TreeSet<>()).addAll(
                        s.profile().sampleTypes.stream().map(t -> t.type() + "/" + t.unit()).toList());
            }

            // What Pyroscope would show, side by side.
            assertEquals(APP, theirService);
            assertEquals(APP, ourService);
            assertEquals("test", theirLabels.get("env"), theirLabels.toString());
            assertTrue(theirKinds.containsAll(Set.of("process_cpu", "memory")), "reference kinds: " + theirKinds);
            assertTrue(ourKinds.containsAll(theirKinds), "ours " + ourKinds + " cover the reference's " + theirKinds);
            assertTrue(ourTypes.get("process_cpu").contains("cpu/nanoseconds"), ourTypes.toString());
            assertTrue(ourTypes.get("memory").containsAll(Set.of("alloc_objects/count", "alloc_space/bytes")),
                    ourTypes.toString());
            assertEquals(new ValueType("cpu", "nanoseconds"), PushTruthIT.profiles(series, "process_cpu").get(0).periodType);
            // Windows: ours follow one another without a gap (nanoseconds); the reference's from/until
            // (seconds) are reported, gaps and overlaps counted, and together must span the run.
            theirWindows.sort((a, b) -> Long.compare(a[0], b[0]));
            List<String> theirGaps = new ArrayList<>();
            for (int i = 1; i < theirWindows.size(); i++) {
                long gap = theirWindows.get(i)[0] - theirWindows.get(i - 1)[1];
                if (gap != 0) {
                    theirGaps.add(i + ":" + gap + "s");
                }
            }
            // Each agent's first window starts when its own start-up is done, which a loaded machine
            // delays by seconds (the reference's spanned 7 s of a 10 s run on JDK 25 under load 60).
            long theirSpan = theirWindows.get(theirWindows.size() - 1)[1] - theirWindows.get(0)[0];
            List<dev.pprof4j.profile.Profile> ourCpu = PushTruthIT.profiles(series, "process_cpu");
            long ourSpan = (ourCpu.get(ourCpu.size() - 1).timeNanos + ourCpu.get(ourCpu.size() - 1).durationNanos
                    - ourCpu.get(0).timeNanos) / 1_000_000_000L;
            assertTrue(theirSpan >= SECONDS / 2 && ourSpan >= SECONDS / 2, "windows span " + theirSpan + " s (reference) and "
                    + ourSpan + " s (pprof4j) of a " + SECONDS + " s run");
            PushTruthIT.assertWindowsFollowOneAnother(PushTruthIT.profiles(series, "process_cpu"));
            PushTruthIT.assertWindowsFollowOneAnother(PushTruthIT.profiles(series, "memory"));

            System.out.println("side by side (reference io.pyroscope:agent 2.9.2 | pprof4j):");
            System.out.println("  service_name: " + theirService + " | " + ourService);
            System.out.println("  kinds: " + theirKinds + " | " + ourKinds);
            System.out.println("  labels: " + theirLabels + " | " + series.get(0).labels());
            System.out.println("  our sample types: " + ourTypes);
            System.out.println("  windows: " + theirWindows.stream().map(w -> w[0] + "-" + w[1]).toList()
                    + " gaps " + theirGaps + " | " + PushTruthIT.profiles(series, "process_cpu").size()
                    + " contiguous process_cpu windows");
            System.out.println("  uploads: " + ingests.size() + " /ingest of JFR | "
                    + receiver.arrivals().stream().filter(a -> a.path().startsWith("/push")).count() + " Push requests");
        }
    }

    /** The Pyroscope kinds a reference JFR upload makes, by its events (gzip or plain). */
    private Set<String> kindsOf(byte[] jfr) throws IOException {
        byte[] plain = jfr;
        if (jfr.length > 2 && (jfr[0] & 0xff) == 0x1f && (jfr[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(jfr))) {
                plain = in.readAllBytes();
            }
        }
        Path file = Files.write(Files.createTempFile(dir, "reference", ".jfr"), plain);
        Set<String> kinds = new TreeSet<>();
        try (RecordingFile events = new RecordingFile(file)) {
            while (events.hasMoreEvents()) {
                RecordedEvent event = events.readEvent();
                String kind = JFR_KINDS.get(event.getEventType().getName());
                if (kind != null) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }
}
