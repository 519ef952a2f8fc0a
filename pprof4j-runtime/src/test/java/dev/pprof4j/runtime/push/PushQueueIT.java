package dev.pprof4j.runtime.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The receiver is unavailable (503, then 429) for most of a run with a 1 s push interval: the
 * pusher backs off instead of retrying every window, its queue keeps the newest windows and
 * counts the ones it dropped ({@code /debug/vars}), the application finishes its work on time,
 * and once the receiver answers again the queued windows arrive, oldest first.
 */
class PushQueueIT {
    static final int SECONDS = 16;
    static final Pattern DROPPED = Pattern.compile("\"Dropped\": ?(\\d+)");

    @Test
    void backsOffDropsTheOldestAndRecoversWithoutTouchingTheApplication() throws Exception {
        try (RecordingIngestServer receiver = new RecordingIngestServer()) {
            receiver.failNext(Integer.MAX_VALUE, 503);
            try (ChildJvm app = ChildJvm.builder(PushWorkload.class.getName())
                    .agent(ChildJvm.agentJar(), "port=0,pyroscope=" + receiver.url() + ",app=queue-test,pushinterval=1s")
                    .args(String.valueOf(SECONDS)).start()) {
                String vars = app.awaitPprofUrl(Duration.ofSeconds(120)) + "/debug/vars";
                app.await(Pattern.compile("ready"), Duration.ofSeconds(30));
                Thread.sleep(7000);
                receiver.failNext(Integer.MAX_VALUE, 429);
                Thread.sleep(7000);
                List<RecordingIngestServer.Arrival> failing = receiver.arrivals();
                String during = Http.get(vars).text();
                receiver.failNext(0, 503); // the receiver is back
                app.await(Pattern.compile("truth cpu"), Duration.ofSeconds(SECONDS + 60));
                Matcher stalls = app.await(Pattern.compile("stalls worst=(\\d+)ms"), Duration.ofSeconds(10));

                // Backoff: far fewer attempts than windows while failing, and the gaps grow past the interval.
                assertTrue(failing.size() >= 3 && failing.size() <= 9, failing.size()
                        + " attempts in 14 s of failure at a 1 s interval: " + failing);
                assertTrue(failing.stream().allMatch(a -> a.status() == 503 || a.status() == 429), failing.toString());
                long lastGap = failing.get(failing.size() - 1).receivedMillis() - failing.get(failing.size() - 2).receivedMillis();
                assertTrue(lastGap >= 2000, "backed off: last gap " + lastGap + " ms");

                // The queue: bounded, the oldest dropped and counted.
                Matcher dropped = DROPPED.matcher(during);
                assertTrue(dropped.find(), during);
                assertTrue(Long.parseLong(dropped.group(1)) >= 1, "dropped while the receiver was away: " + during);
                assertTrue(during.contains("\"QueueCapacity\": 8") || during.contains("\"QueueCapacity\":8"), during);

                // The application was never held up: no 10 ms sleep of its main thread overslept by
                // seconds (on a loaded machine tens or hundreds of ms are the scheduler's), and the
                // queue held at most its capacity.
                assertTrue(Long.parseLong(stalls.group(1)) < 3000, "worst stall " + stalls.group(1) + " ms");
                Matcher queued = Pattern.compile("\"Queued\": (\\d+)").matcher(during);
                assertTrue(queued.find() && Long.parseLong(queued.group(1)) <= 8, during);

                // Recovery: the queued windows arrive, in order, none older than the drops allow.
                long deadline = System.currentTimeMillis() + 30_000;
                while (receiver.series().stream().filter(s -> s.name().equals("process_cpu")).count() < 8
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(500);
                }
                List<Long> starts = receiver.series().stream().filter(s -> s.name().equals("process_cpu"))
                        .map(s -> s.profile().timeNanos).toList();
                assertTrue(starts.size() >= 8, "queued windows delivered after recovery: " + starts.size());
                for (int i = 1; i < starts.size(); i++) {
                    assertTrue(starts.get(i) > starts.get(i - 1), "delivered oldest first: " + starts);
                }
                assertTrue(receiver.refusals().isEmpty(), receiver.refusals().toString());
                String after = Http.get(vars).text();
                assertTrue(after.contains("\"Failures\""), after);
                // The thread's CPU by phase: every phase listed, none more than the thread's whole CPU.
                long threadCpu = number(after, "CpuNs");
                long phases = 0;
                for (String phase : List.of("process_cpu", "memory", "block", "mutex", "goroutine", "addresses", "encode",
                        "gzip", "request", "send")) {
                    phases += number(after, "CpuNs." + phase);
                }
                assertTrue(number(after, "CpuNs.process_cpu") > 0 && number(after, "CpuNs.send") > 0, after);
                assertTrue(phases <= threadCpu, "phases " + phases + " ns of the thread's " + threadCpu + " ns: " + after);
                assertEquals(200, Http.get(vars.replace("/debug/vars", "/debug/pprof/")).status());
            }
        }
    }

    private static long number(String vars, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\": ?(-?\\d+)").matcher(vars);
        assertTrue(m.find(), name + " in " + vars);
        return Long.parseLong(m.group(1));
    }
}
