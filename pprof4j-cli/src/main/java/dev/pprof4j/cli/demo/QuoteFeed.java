package dev.pprof4j.cli.demo;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Leak 4 of the demo (the seeds' blocked producer): each subscription starts a producer that
 * hands quotes over a {@link SynchronousQueue}; the subscriber waits a moment for the first
 * quote and gives up, and the producer blocks in {@code put} forever.
 */
final class QuoteFeed {
    private QuoteFeed() {
    }

    static String subscribe(long id) throws InterruptedException {
        SynchronousQueue<String> handOff = new SynchronousQueue<>();
        Thread producer = new Thread(() -> produce(handOff, id), "quote-producer-" + id);
        producer.setDaemon(true);
        producer.start();
        String first = handOff.poll(1, TimeUnit.MILLISECONDS);
        return first == null ? "timeout" : first;
    }

    private static void produce(SynchronousQueue<String> handOff, long id) {
        try {
            Thread.sleep(5);
            handOff.put("quote-" + id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
