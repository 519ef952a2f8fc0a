package dev.pprof4j.runtime.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.profile.ValueType;
import dev.pprof4j.runtime.collect.build.ProfileBuilder;
import dev.pprof4j.runtime.collect.heap.HeapSite;
import dev.pprof4j.runtime.collect.heap.HeapSnapshot;
import dev.pprof4j.runtime.collect.heap.SamplerStats;
import dev.pprof4j.runtime.collect.heap.StackFrame;
import java.net.URI;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pusher's parts, each against what Pyroscope expects, with the recording receiver where a wire is involved. */
class PushPiecesTest {
    private static Profile heap(long timeNanos, long... allocAndInuse) {
        ProfileBuilder b = new ProfileBuilder(new ValueType("space", "bytes"), 524288,
                new ValueType("alloc_objects", "count"), new ValueType("alloc_space", "bytes"),
                new ValueType("inuse_objects", "count"), new ValueType("inuse_space", "bytes")).timeNanos(timeNanos);
        for (int i = 0; i < allocAndInuse.length; i += 4) {
            b.add(b.stack(new StackTraceElement[] {new StackTraceElement("app.Site", "m" + i / 4, "Site.java", 1)}),
                    allocAndInuse[i], allocAndInuse[i + 1], allocAndInuse[i + 2], allocAndInuse[i + 3]);
        }
        return b.build();
    }

    private static HeapSnapshot sites(long timeNanos, long... allocAndInuse) {
        List<HeapSite> sites = new ArrayList<>();
        for (int i = 0; i < allocAndInuse.length; i += 4) {
            sites.add(new HeapSite(List.of(new StackFrame("app.Site", "m" + i / 4, "Site.java", 1)), "app.Thing",
                    allocAndInuse[i], allocAndInuse[i + 1], allocAndInuse[i + 2], allocAndInuse[i + 3],
                    allocAndInuse[i], allocAndInuse[i + 1], allocAndInuse[i + 2], allocAndInuse[i + 3]));
        }
        return new HeapSnapshot(524288, 0, timeNanos, sites, new SamplerStats(0, 0, 0, 0, 0, 524288, 524288, 0, 524288), 1);
    }

    @Test
    void aMemoryWindowHoldsAllocationsInTheWindowAndInUseAtItsEnd() {
        HeapSiteWindow window = new HeapSiteWindow();
        window.next(sites(1_000, 10, 1000, 5, 500, /* m1 */ 4, 400, 4, 400, /* m2: collected */ 3, 300, 0, 0));
        HeapSnapshot next = window.next(sites(3_000, 15, 1500, 6, 600, /* m1: no new allocations, still in use */
                4, 400, 4, 400, /* m2: nothing new, nothing live */ 3, 300, 0, 0, /* m3: new */ 2, 200, 0, 0));
        Map<String, long[]> bySite = new LinkedHashMap<>();
        for (HeapSite s : next.sites()) {
            bySite.put(s.leafFunction(), new long[] {s.allocObjects(), s.allocSpace(), s.inuseObjects(), s.inuseSpace()});
        }
        assertArrayEquals(new long[] {5, 500, 6, 600}, bySite.get("app.Site.m0"));
        assertArrayEquals(new long[] {0, 0, 4, 400}, bySite.get("app.Site.m1"), "in use stays absolute");
        assertFalse(bySite.containsKey("app.Site.m2"), "a site with nothing in the window drops out");
        assertArrayEquals(new long[] {2, 200, 0, 0}, bySite.get("app.Site.m3"));
        assertEquals(8, window.heldLongs(), "two longs held per site between windows");
        assertEquals(15, next.sites().get(0).allocSamples(), "raw counts stay the site's, so its bytes label does not drift");
        // A table that was reset: its totals went down, the window is the new value.
        HeapSnapshot afterReset = window.next(sites(4_000, 1, 100, 1, 100));
        assertEquals(1, afterReset.sites().size());
        assertEquals(100, afterReset.sites().get(0).allocSpace());
    }

    @Test
    void aWindowOverPyroscopesSampleLimitKeepsTheLargestAndSaysSo() throws Exception {
        ProfileBuilder b = new ProfileBuilder(new ValueType("cpu", "nanoseconds"), 10_000_000,
                new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds"));
        int total = PyroscopeLimits.MAX_SAMPLES + 500;
        for (int i = 0; i < total; i++) {
            b.add(b.stack(new StackTraceElement[] {new StackTraceElement("app.F", "m" + i, "F.java", 1)}), 1, i + 1);
        }
        Profile decoded = RecordingIngestServer.validProfile(PyroscopeLimits.rawProfile(b.build()),
                System.currentTimeMillis());
        assertEquals(PyroscopeLimits.MAX_SAMPLES, decoded.samples.size());
        long smallestKept = decoded.samples.stream().mapToLong(s -> s.values[1]).min().orElseThrow();
        assertEquals(501, smallestKept, "the 500 smallest are the ones dropped");
        assertTrue(decoded.comments.stream().anyMatch(c -> c.contains("kept the 16000 largest of 16500 samples")),
                decoded.comments.toString());
    }

    @Test
    void theReceiverDecodesOurPushRequestWithLabelsCredentialsAndProfiles() throws Exception {
        try (RecordingIngestServer receiver = new RecordingIngestServer()) {
            Profile cpu = heap(System.currentTimeMillis() * 1_000_000L, 1, 2, 3, 4);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("__name__", "memory");
            labels.put("service_name", "checkout");
            labels.put("env", "prod");
            byte[] body = PushRequestEncoder.encode(List.of(
                    new PushRequestEncoder.Series(labels, PyroscopeLimits.rawProfile(cpu), "id-1"),
                    new PushRequestEncoder.Series(Map.of("__name__", "goroutine", "service_name", "checkout"),
                            PyroscopeLimits.rawProfile(heap(cpu.timeNanos, 7, 7, 7, 7)), "id-2")));
            PushCredentials credentials = PushCredentials.of(null, null, null, "team-a",
                    Map.of(PushCredentials.ENV_TOKEN, "s3cret"));
            PushClient.Answer answer = new PushClient(URI.create(receiver.url()), credentials).push(body);
            assertTrue(answer.ok(), answer.toString());
            List<RecordingIngestServer.Series> got = receiver.series();
            assertEquals(2, got.size());
            assertEquals(labels, got.get(0).labels());
            assertEquals("id-1", got.get(0).id());
            assertArrayEquals(new long[] {1, 2, 3, 4}, got.get(0).profile().samples.get(0).values);
            assertEquals("goroutine", got.get(1).name());
            Map<String, String> headers = receiver.arrivals().get(0).headers();
            assertEquals("Bearer s3cret", headers.get("authorization"));
            assertEquals("team-a", headers.get("x-scope-orgid"));
            assertEquals("1", headers.get("connect-protocol-version"));
        }
    }

    @Test
    void theReceiverRefusesWhatPyroscopeRefusesAndTheClientDoesNotRetryIt() throws Exception {
        try (RecordingIngestServer receiver = new RecordingIngestServer()) {
            ProfileBuilder b = new ProfileBuilder(new ValueType("cpu", "nanoseconds"), 1,
                    new ValueType("cpu-time", "nanoseconds"));
            b.add(b.stack(new StackTraceElement[] {new StackTraceElement("a.B", "c", "B.java", 1)}), 1);
            byte[] raw = dev.pprof4j.profile.ProfileEncoder.toGzipBytes(b.build());
            byte[] body = PushRequestEncoder.encode(List.of(new PushRequestEncoder.Series(
                    Map.of("__name__", "process_cpu", "service_name", "x"), raw, "id")));
            PushClient.Answer answer = new PushClient(URI.create(receiver.url()), PushCredentials.NONE).push(body);
            assertEquals(400, answer.status());
            assertFalse(answer.retryable());
            assertTrue(answer.message().contains("cpu-time"), answer.message());
            receiver.failNext(1, 429);
            PushClient.Answer busy = new PushClient(URI.create(receiver.url()), PushCredentials.NONE).push(body);
            assertEquals(429, busy.status());
            assertTrue(busy.retryable());
        }
    }

    @Test
    void theQueueDropsTheOldestAndCountsIt() {
        PushQueue queue = new PushQueue(3);
        for (int i = 0; i < 5; i++) {
            queue.add(new PushQueue.Request(new byte[10], i, i + 1, 1));
        }
        assertEquals(3, queue.size());
        assertEquals(2, queue.dropped());
        assertEquals(30, queue.queuedBytes());
        assertEquals(2, queue.peek().fromEpochNanos(), "the two oldest went");
    }

    @Test
    void backoffDoublesWithJitterUpToTheCapAndHonoursRetryAfter() {
        Backoff backoff = new Backoff(new SplittableRandom(1));
        long previousCeiling = 0;
        for (int i = 1; i <= 10; i++) {
            long ceiling = Math.min(Backoff.MAX.toMillis(), Backoff.FIRST.toMillis() << (i - 1));
            Duration wait = backoff.failed(null);
            assertTrue(wait.toMillis() >= ceiling / 2 && wait.toMillis() <= ceiling, i + ": " + wait);
            assertTrue(ceiling >= previousCeiling);
            previousCeiling = ceiling;
        }
        backoff.succeeded();
        assertTrue(backoff.failed(null).toMillis() <= Backoff.FIRST.toMillis(), "a success resets it");
        assertTrue(backoff.failed(Duration.ofSeconds(30)).toMillis() >= 30_000, "Retry-After is honoured");
        assertEquals(Backoff.MAX, backoff.failed(Duration.ofHours(1)), "up to the cap");
    }
}
