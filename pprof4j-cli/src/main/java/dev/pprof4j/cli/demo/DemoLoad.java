package dev.pprof4j.cli.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's built-in load: steady requests to every endpoint of {@link DemoService} over
 * loopback, at a fixed rate however slowly the answers come. Each heap leak grows by
 * 640 KiB a second, ten sampling periods at the demo's 64 KiB, and each thread leak by
 * 2.5 threads a second: every round shows each leak, and a slow machine's longer rounds
 * do not run the child out of heap.
 */
public final class DemoLoad implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "demo-load");
        t.setDaemon(true);
        return t;
    });
    private final URI service;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sku = new AtomicLong();
    private final byte[] body = new byte[128 * 1024];

    public DemoLoad(URI service) {
        this.service = service;
        ThreadLocalRandom.current().nextBytes(body);
    }

    /** Starts sending; every task repeats at its own rate until {@link #close()}. */
    public DemoLoad start() {
        every(400, () -> get("/order"));
        every(400, () -> get("/feed"));
        every(200, () -> get("/price?sku=" + sku.incrementAndGet()));
        every(200, this::upload);
        every(100, () -> get("/report"));
        return this;
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    private void every(long millis, Runnable request) {
        timer.scheduleAtFixedRate(request, 0, millis, TimeUnit.MILLISECONDS);
    }

    private void get(String path) {
        send(HttpRequest.newBuilder(service.resolve(path)).GET());
    }

    private void upload() {
        send(HttpRequest.newBuilder(service.resolve("/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private void send(HttpRequest.Builder request) {
        // Asynchronous, so a slow answer on a busy machine does not slow the rate: the leaks
        // must grow in every round for the hunt to call them leaks.
        http.sendAsync(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> (e == null && r.statusCode() == 200 ? sent : failed).incrementAndGet());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
