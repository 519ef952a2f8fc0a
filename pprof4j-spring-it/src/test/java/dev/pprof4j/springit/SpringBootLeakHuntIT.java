package dev.pprof4j.springit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.Main;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
import dev.pprof4j.report.http.AgentBusy;
import dev.pprof4j.testkit.ChildJvm;
import dev.pprof4j.testkit.Http;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link LeakyShop}, a Spring Boot service (Tomcat, Spring MVC, Spring's own starter), run
 * with the agent and loaded: a busy {@code /hello} beside an upload endpoint that keeps every
 * body and one that starts a scheduler per request. The hunt must name both controllers and
 * exit 3, the upload site's in-use bytes must agree with what the service says it holds, and
 * no heap frame or allocated class may carry a name that changes from run to run (lambdas,
 * CGLIB, proxies, reflection accessors, which Spring makes plenty of).
 */
class SpringBootLeakHuntIT {
    /** Bodies the upload endpoint keeps at most for the truth test: 4 000 x 64 KB = 262 MB of a 768 MB heap. */
    private static final int MOST_KEPT = 4000;

    /** The interval the CPU budget raised the heap sampler to, as the heap profile's comment says. */
    private static final Pattern RAISED = Pattern.compile("the interval rose to as much as (\\d+) bytes for (\\d+) of");

    /** A name part that would differ in the next run of the same code. */
    private static final Pattern RUN_SPECIFIC = Pattern.compile(
            "\\$\\$Lambda\\$\\d|[/.+]0x[0-9a-f]{6,}|Generated(Method|Constructor|SerializationConstructor)Accessor\\d"
                    + "|\\$Proxy\\d|jdk\\.proxy\\d|\\$\\$SpringCGLIB\\$\\$\\d|CGLIB\\$\\$[0-9a-f]");

    @Test
    void theHuntNamesBothLeakingControllersAndTheHeapIsTrue() throws Exception {
        // The agent as shipped: the heap sampler's default interval, raised by its CPU budget
        // under the load, and the default stop-the-world budget, which the hunt's rounds (one
        // class histogram with its GC and one thread dump each) must stay within.
        try (ChildJvm app = ChildJvm.builder(LeakyShop.class.getName())
                .agent(ChildJvm.agentJar(), "port=0")
                .jvmArg("-Xmx768m")
                .args("--server.port=0", "--spring.main.banner-mode=off")
                .start()) {
            String agent = app.awaitPprofUrl(Duration.ofSeconds(60));
            Matcher started = app.await(Pattern.compile("Tomcat started on port (\\d+)"), Duration.ofSeconds(120));
            String service = "http://127.0.0.1:" + started.group(1);

            Load load = new Load(service);
            load.start();
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Main.run(new String[] {"leaks", "--rounds", "4", "--interval", "4s", agent},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                String report = out.toString(StandardCharsets.UTF_8);
                String why = report + "\n" + err.toString(StandardCharsets.UTF_8) + "\nload: " + load;
                assertEquals(3, code, why);
                assertTrue(report.contains("LeakyShop$ReminderController.remind"), why);
                assertTrue(report.contains("LeakyShop$UploadController.upload"), why);
                // The fix names what holds the bytes, a static list, not a logging layer.
                assertTrue(report.contains("held by: static dev.pprof4j.springit.LeakyShop$UploadController.RETAINED"), why);
                assertTrue(report.contains("fix: " + dev.pprof4j.report.leaks.detect.FixHint.STATIC_COLLECTION.text()), why);
                assertTrue(!report.contains("logging layer"), why);
                // Nothing is filed under "explained by" unless the upload site, which holds it, explains it.
                for (String because : report.lines().filter(l -> l.strip().startsWith("because:")).toList()) {
                    assertTrue(because.contains("UploadController") || because.contains("ReminderController"), because + "\n" + why);
                }
            } finally {
                load.stop();
            }

            // Each kept array was sampled with probability p = 1 - exp(-size/interval) at the
            // interval of its moment; over n arrays the estimate's relative variance is
            // sum((1 - p_i) / p_i) / n^2. The arrays kept under load were drawn at no more than the
            // largest interval the budget raised it to; the truth uploads come one at a time, and
            // when no sample is drawn above the base interval meanwhile, they were all drawn at it.
            Sampler before = sampler(agent);
            long keptUnderLoad = load.upload() - 1;
            long kept = keptUnderLoad + 1;
            while (kept < MOST_KEPT && 4 * sigma(keptUnderLoad, before.largest(), kept - keptUnderLoad, before.base()) > 0.25) {
                kept = load.upload();
                Thread.sleep(1); // paced, so that the sampler stays within its CPU budget
            }
            Sampler after = sampler(agent);
            // A sample drawn above the base interval during the uploads: size them at the largest one.
            long truthInterval = after.raised() > before.raised() ? after.largest() : after.base();
            double sigma = sigma(keptUnderLoad, before.largest(), kept - keptUnderLoad, truthInterval);
            long held = Long.parseLong(Http.get(service + "/held").text().strip());
            Http.Response heap = heapAfterGc(agent);
            assertEquals(200, heap.status(), heap.text());
            Profile profile = new ProfileDecoder().decode(new ByteArrayInputStream(heap.body()));
            int inuse = profile.sampleIndexOf("inuse_space");
            long estimate = 0;
            List<String> runSpecific = new ArrayList<>();
            for (Sample s : profile.samples) {
                boolean upload = false;
                for (Location location : s.locations) {
                    for (Line line : location.lines) {
                        String name = line.function().name;
                        upload |= name.endsWith("UploadController.upload");
                        if (RUN_SPECIFIC.matcher(name).find()) {
                            runSpecific.add(name);
                        }
                    }
                }
                for (String object : s.labels.getOrDefault("object", List.of())) {
                    if (RUN_SPECIFIC.matcher(object).find()) {
                        runSpecific.add("object " + object);
                    }
                }
                if (upload && s.labels.getOrDefault("object", List.of()).contains("byte[]")) {
                    estimate += s.values[inuse];
                }
            }
            assertEquals(List.of(), runSpecific.stream().distinct().toList(), "names that change from run to run");
            double ratio = (double) estimate / held;
            String sizes = String.format("%d arrays kept under load at an interval of %d bytes at most, %d after it at %d;"
                    + " one sigma %.1f %%", keptUnderLoad, before.largest(), kept - keptUnderLoad, truthInterval, sigma * 100);
            // ±25 % where the kept arrays make it 4 sigma; where the CPU budget raised the
            // interval too far for that (a loaded machine: 4 MB seen), 4 sigma of what it left.
            double bound = Math.max(0.25, 4 * sigma);
            assertTrue(Math.abs(ratio - 1) <= bound, String.format(
                    "upload site in use: %d bytes estimated, %d held (%.3fx, bound ±%.0f %%); %s", estimate, held, ratio,
                    bound * 100, sizes));
            System.out.printf("SpringBootLeakHuntIT: upload site %.3fx of what the service holds; %s%n", ratio, sizes);
        }
    }

    /** The relative standard error of a sampled estimate of n1 arrays drawn at interval i1 and n2 at i2. */
    /**
     * {@code heap?gc=1}, waiting what the agent asks when the hunt's full GCs have spent its
     * stop-the-world budget (429 with "retry in N s"), as the hunt itself does; the budget is the
     * agent's protection of its host, which a loaded machine reaches sooner.
     */
    private static Http.Response heapAfterGc(String agent) throws InterruptedException {
        String url = agent + "/debug/pprof/heap?gc=1";
        Duration waited = Duration.ZERO;
        while (true) {
            Http.Response r = Http.get(url);
            String why = r.text().lines().findFirst().orElse("");
            Optional<AgentBusy> busy = AgentBusy.of(url, r.status(), r.header("Retry-After"), why);
            if (busy.isEmpty() || waited.plus(busy.get().retryAfter()).compareTo(Duration.ofSeconds(120)) > 0) {
                return r;
            }
            System.err.println("SpringBootLeakHuntIT: " + why + "; waiting " + busy.get().retryAfter().toSeconds() + " s");
            Thread.sleep(busy.get().retryAfter().toMillis());
            waited = waited.plus(busy.get().retryAfter());
        }
    }

    private static double sigma(long n1, long i1, long n2, long i2) {
        double size = 64 * 1024 + 16;
        double p1 = 1 - Math.exp(-size / i1);
        double p2 = 1 - Math.exp(-size / i2);
        return Math.sqrt(n1 * (1 - p1) / p1 + n2 * (1 - p2) / p2) / (n1 + n2);
    }

    /**
     * The heap sampler's interval: the base asked for (the profile's period), the largest the
     * CPU budget raised it to, and how many samples were drawn above the base, as the heap
     * profile's comment says.
     */
    private record Sampler(long base, long largest, long raised) {
    }

    private static Sampler sampler(String agent) throws Exception {
        Http.Response heap = Http.get(agent + "/debug/pprof/heap");
        assertEquals(200, heap.status());
        Profile profile = new ProfileDecoder().decode(new ByteArrayInputStream(heap.body()));
        long largest = profile.period;
        long raised = 0;
        for (String comment : profile.comments) {
            Matcher m = RAISED.matcher(comment);
            if (m.find()) {
                largest = Math.max(largest, Long.parseLong(m.group(1)));
                raised = Long.parseLong(m.group(2));
            }
        }
        return new Sampler(profile.period, largest, raised);
    }

    /**
     * The traffic: one client on {@code /hello} as fast as it is answered, one uploading 64 KB
     * and asking for a reminder every 25-75 ms (random, so that nothing aligns with the rounds).
     */
    private static final class Load {
        private final String service;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong hellos = new AtomicLong();
        private final AtomicLong uploads = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();

        Load(String service) {
            this.service = service;
        }

        void start() {
            thread("load-hello", () -> {
                while (running.get()) {
                    send(HttpRequest.newBuilder(URI.create(service + "/hello")).GET().build(), hellos);
                }
            });
            thread("load-leaks", () -> {
                byte[] body = new byte[64 * 1024];
                java.util.Random random = new java.util.Random();
                while (running.get()) {
                    send(HttpRequest.newBuilder(URI.create(service + "/upload"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), uploads);
                    send(HttpRequest.newBuilder(URI.create(service + "/remind")).GET().build(), new AtomicLong());
                    try {
                        Thread.sleep(25 + random.nextInt(50));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void thread(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }

        /** One upload; returns how many bodies the service now keeps. */
        long upload() throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(service + "/upload"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return Long.parseLong(r.body().strip());
        }

        private void send(HttpRequest request, AtomicLong count) {
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                (r.statusCode() == 200 ? count : failures).incrementAndGet();
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }

        @Override
        public String toString() {
            return hellos + " hellos, " + uploads + " uploads, " + failures + " failures";
        }
    }
}
