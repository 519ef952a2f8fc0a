package dev.pprof4j.cli.demo;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Leak 2 of the demo (the seeds' logging middleware): it reads each request body to log
 * it, and keeps the bytes "for the last-requests page", in a queue nothing ever trims.
 */
final class RequestLogger extends Filter {
    static final Queue<byte[]> RECENT_BODIES = new ConcurrentLinkedQueue<>();

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] body = capture(exchange);
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    private static byte[] capture(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        RECENT_BODIES.add(body);
        return body;
    }

    @Override
    public String description() {
        return "logs request bodies";
    }
}
