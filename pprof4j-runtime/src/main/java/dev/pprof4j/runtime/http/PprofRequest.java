package dev.pprof4j.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request: its query parameters, parsed strictly (a bad number is a 400 with the reason,
 * where Go silently falls back), and the ways to answer it with Go's headers.
 */
final class PprofRequest {
    private final HttpExchange exchange;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final int maxSeconds;
    private final MemoryBudget memory;
    private final java.util.List<MemoryBudget.Reservation> reservations = new java.util.ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong writeNanos = new java.util.concurrent.atomic.AtomicLong();
    private long stopTheWorldNanos = Long.MAX_VALUE;
    private long stoppedNanos = -1;

    /** The most a response may send: far beyond any real profile or dump, short of filling a disk. */
    static final long MAX_RESPONSE_BYTES = 1L << 30;

    PprofRequest(HttpExchange exchange, int maxSeconds, MemoryBudget memory) {
        this.exchange = exchange;
        this.maxSeconds = maxSeconds;
        this.memory = memory;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    HttpExchange exchange() {
        return exchange;
    }

    /**
     * True once this request's client has closed its connection (see {@link ClientPresence}):
     * long work done only for it stops early. Cheap to ask often.
     */
    java.util.function.BooleanSupplier clientGone() {
        return new ClientPresence(exchange.getLocalAddress(), exchange.getRemoteAddress());
    }

    String param(String name) {
        return params.get(name);
    }

    /** {@code debug}: 0 when absent. */
    int debug() throws HttpError {
        return intParam("debug", 0, 0, 2);
    }

    /** {@code gc}: 0 when absent. */
    int gc() throws HttpError {
        return intParam("gc", 0, 0, 1);
    }

    /** {@code seconds}, or {@code defaultSeconds} when absent; bounded by the agent's maximum. */
    int seconds(int defaultSeconds) throws HttpError {
        return intParam("seconds", defaultSeconds, 1, maxSeconds);
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    int intParam(String name, int defaultValue, int min, int max) throws HttpError {
        String text = params.get(name);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.badRequest("invalid value for \"" + name + "\": " + text
                + " - must be an integer from " + min + " to " + max);
    }

    /**
     * Holds {@code bytes} of the agent's shared memory budget until the request ends, or
     * refuses the request with 503 (see {@link MemoryBudget}).
     */
    void reserve(long bytes, String what) throws HttpError {
        reservations.add(memory.reserve(bytes, what));
    }

    /** The share of the agent's memory budget a single request may take. */
    long memoryCapacity() {
        return memory.capacity();
    }

    /** Time spent waiting for the client to take the response. */
    long writeNanos() {
        return writeNanos.get();
    }

    /** What is left of the agent's stop-the-world budget for this request (see {@link StopTheWorldBudget}). */
    long stopTheWorldNanos() {
        return stopTheWorldNanos;
    }

    void stopTheWorldNanos(long nanos) {
        stopTheWorldNanos = nanos;
    }

    interface StoppingWork<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs work that stops the application (a collection, a class histogram, a one-safepoint
     * thread dump, a heap walk) and records how long it took: the request is charged that
     * against the stop-the-world budget, rather than all of its time.
     */
    <T, E extends Exception> T stopTheWorld(StoppingWork<T, E> work) throws E {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            addStopped(System.nanoTime() - start);
        }
    }

    /** Charges stopping work the endpoint timed itself (e.g. a batch's safepoint among many). */
    void addStopped(long nanos) {
        stoppedNanos = Math.max(0, stoppedNanos) + nanos;
    }

    /** {@code System.gc()}, for {@code gc=1}, timed as {@link #stopTheWorld} work. */
    void collectGarbage() {
        stopTheWorld(() -> {
            System.gc();
            return null;
        });
    }

    /**
     * Says that this request's stopping work is all timed by {@link #stopTheWorld}: a request
     * that ends before it (a site regex past its deadline) is charged nothing.
     */
    void stopsOnlyWhereTimed() {
        stoppedNanos = Math.max(0, stoppedNanos);
    }

    /** The stopping work timed by {@link #stopTheWorld}, or -1 when the endpoint timed none. */
    long stoppedNanos() {
        return stoppedNanos;
    }

    void releaseMemory() {
        reservations.forEach(MemoryBudget.Reservation::close);
        reservations.clear();
    }

    interface TextBody {
        void write(java.io.Writer out) throws IOException;
    }

    /**
     * Answers 200 with text written straight to the socket as it is made (chunked), so a dump of
     * thousands of threads never sits whole in the host's heap.
     */
    void streamText(String contentType, TextBody body) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new WatchedOutputStream(exchange.getResponseBody(), MAX_RESPONSE_BYTES, writeNanos), StandardCharsets.UTF_8),
                16 * 1024)) {
            body.write(out);
        }
    }

    void sendText(int status, String contentType, String body) throws IOException {
        send(status, contentType, null, body.getBytes(StandardCharsets.UTF_8));
    }

    void sendAttachment(String filename, byte[] body) throws IOException {
        send(200, "application/octet-stream", filename, body);
    }

    /** Go's serveError: plain text, {@code X-Go-Pprof: 1}, one line. */
    void sendError(int status, String reason) throws IOException {
        exchange.getResponseHeaders().set("X-Go-Pprof", "1");
        exchange.getResponseHeaders().remove("Content-Disposition");
        send(status, "text/plain; charset=utf-8", null, (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, String filename, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (filename != null) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = new WatchedOutputStream(exchange.getResponseBody(), MAX_RESPONSE_BYTES, writeNanos)) {
                out.write(body);
            }
        }
    }
}
