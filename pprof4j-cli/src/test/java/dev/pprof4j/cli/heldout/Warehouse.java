package dev.pprof4j.cli.heldout;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The held-out service of the leak-hunt tests (written apart from the demo, with other
 * names): {@code load} mode runs its four leaks plus garbage churn, a warm-up pool and a
 * one-off table, starting one second after it is ready; {@code idle} mode does nothing.
 * Runs until its stdin closes.
 */
public final class Warehouse {
    private Warehouse() {
    }

    public static void main(String[] args) throws IOException {
        boolean load = args.length > 0 && args[0].equals("load");
        // The request pool fills lazily (six threads in the first second): warm-up, not a leak.
        ExecutorService requests = Executors.newFixedThreadPool(6);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicLong ids = new AtomicLong();
        if (load) {
            every(clock, requests, 125, () -> CheckoutEndpoint.process(ids.incrementAndGet()));
            every(clock, requests, 125, () -> {
                try {
                    EventPump.pumpOnce(ids.incrementAndGet());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            every(clock, requests, 125, () -> {
                byte[] upload = new byte[128 * 1024];
                ThreadLocalRandom.current().nextBytes(upload);
                AuditTrail.recordPayload(upload);
            });
            every(clock, requests, 125, () -> SessionRegistry.open(ids.incrementAndGet()));
            every(clock, requests, 10, () -> ThumbnailRenderer.render(64 * 1024 + ThreadLocalRandom.current().nextInt(1024)));
        }
        System.out.println("pprof4j demo child ready: -");
        dev.pprof4j.cli.demo.DemoProcess.printAgentAddress();
        while (System.in.read() >= 0) {
            // run until the parent lets go
        }
        System.exit(0);
    }

    private static void every(ScheduledExecutorService clock, ExecutorService requests, long millis, Runnable request) {
        clock.scheduleAtFixedRate(() -> requests.execute(request), 1000, millis, TimeUnit.MILLISECONDS);
    }
}
