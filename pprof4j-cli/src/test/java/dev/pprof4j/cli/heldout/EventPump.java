package dev.pprof4j.cli.heldout;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** Held-out leak: a pump whose reader takes one event and leaves; the writer blocks on the second. */
final class EventPump {
    private EventPump() {
    }

    static Integer pumpOnce(long id) throws InterruptedException {
        BlockingQueue<Integer> events = new ArrayBlockingQueue<>(1);
        Thread writer = new Thread(() -> writeEvents(events), "event-writer-" + id);
        writer.setDaemon(true);
        writer.start();
        return events.take();
    }

    private static void writeEvents(BlockingQueue<Integer> events) {
        try {
            for (int i = 0; i < 3; i++) {
                events.put(i);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
