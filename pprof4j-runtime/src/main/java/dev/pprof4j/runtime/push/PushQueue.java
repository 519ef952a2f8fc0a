package dev.pprof4j.runtime.push;

import java.util.ArrayDeque;

/**
 * Requests waiting to be sent, at most {@link #capacity}: when the server is down or slow the
 * oldest window is dropped (and counted) so that memory stays bounded and what reaches the
 * server when it returns is the most recent. Used by the pusher's one thread; the counters are
 * read by {@code /debug/vars}.
 */
final class PushQueue {
    /** One encoded request and the window it covers. */
    record Request(byte[] body, long fromEpochNanos, long untilEpochNanos, int profiles) {
    }

    private final int capacity;
    private final ArrayDeque<Request> queue;
    private volatile long dropped;
    private volatile long queuedBytes;

    PushQueue(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(capacity);
    }

    synchronized void add(Request request) {
        while (queue.size() >= capacity) {
            Request oldest = queue.removeFirst();
            queuedBytes -= oldest.body().length;
            dropped++;
        }
        queue.addLast(request);
        queuedBytes += request.body().length;
    }

    synchronized Request peek() {
        return queue.peekFirst();
    }

    synchronized void remove(Request request) {
        if (queue.remove(request)) {
            queuedBytes -= request.body().length;
        }
    }

    synchronized int size() {
        return queue.size();
    }

    synchronized void clear() {
        queue.clear();
        queuedBytes = 0;
    }

    int capacity() {
        return capacity;
    }

    long dropped() {
        return dropped;
    }

    /** Bytes the queue holds now (encoded, gzipped profiles). */
    long queuedBytes() {
        return queuedBytes;
    }
}
