package dev.pprof4j.springit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.cli.Main;
import dev.pprof4j.profile.Line;
import dev.pprof4j.profile.Location;
import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ProfileDecoder;
import dev.pprof4j.profile.Sample;
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
    /** Bodies the upload endpoint holds when the heap is read: 32 MB, ~3.4 % standard error. */
    private static final int KEPT_FOR_TRUTH = 512;

    /** A name part that would differ in the next run of the same code. */
    private static final Pattern RUN_SPECIFIC = Pattern.compile(
            "\\$\\$Lambda\\$\\d|[/.+]0x[0-9a-f]{6,}|Generated(Method|Constructor|SerializationConstructor)Accessor\\d"
                    + "|\\$Proxy\\d|jdk\\.proxy\\d|\\$\\$SpringCGLIB\\$\\$\\d|CGLIB\\$\\$[0-9a-f]");

    @Test
    void theHuntNamesBothLeakingControllersAndTheHeapIsTrue() throws Exception {
        // A fixed 64 KiB interval: the 32 MB the upload site keeps is then 512 arrays each
        // sampled with probability 0.63, a standard error of 3.4 %, so ±25 % is 7 of them
        // (at the default 512 KiB it would be 12 %, and ±25 % only 2).
        try (ChildJvm app = ChildJvm.builder(LeakyShop.class.getName())
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=65536")
                .jvmArg("-Xmx512m")
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
            } finally {
                load.stop();
            }

            // The truth test needs a known number of kept bodies, whatever the load managed.
            long kept;
            do {
                kept = load.upload();
            } while (kept < KEPT_FOR_TRUTH);
            long held = Long.parseLong(Http.get(service + "/held").text().strip());
            Http.Response heap = Http.get(agent + "/debug/pprof/heap?gc=1");
            assertEquals(200, heap.status());
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
            // Each kept array is sampled with probability p = 1 - exp(-size/rate); the estimate's
            // relative standard error over n arrays is sqrt((1 - p) / (n p)).
            double p = 1 - Math.exp(-(64 * 1024 + 16) / 65536.0);
            double sigma = Math.sqrt((1 - p) / (kept * p));
            assertTrue(0.25 >= 4 * sigma, "too few arrays for a 4-sigma bound: sigma " + sigma);
            assertTrue(Math.abs(ratio - 1) <= 0.25, String.format(
                    "upload site in use: %d bytes estimated, %d held (%.3fx; one sigma %.1f %%)", estimate, held, ratio,
                    sigma * 100));
        }
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
