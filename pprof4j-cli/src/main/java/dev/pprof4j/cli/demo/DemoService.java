package dev.pprof4j.cli.demo;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo service that {@code pprof4j demo} runs in a child JVM with the agent: a small
 * shop with the four leaks of the field reports ({@link RpcClient} per call, bodies kept by
 * {@link RequestLogger}, the unbounded {@link PriceCache}, producers stuck in
 * {@link QuoteFeed}) beside a healthy endpoint that makes plenty of short-lived garbage.
 *
 * <p>It prints {@link DemoProcess#READY} and its URL once it serves, then runs until its
 * parent closes its standard input (so it never outlives it).
 */
public final class DemoService {

    private DemoService() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/order", new OrderHandler());
        HttpContext upload = server.createContext("/upload", exchange -> reply(exchange, "stored"));
        upload.getFilters().add(new RequestLogger());
        server.createContext("/price", new PriceHandler());
        AtomicLong subscriptions = new AtomicLong();
        server.createContext("/feed", exchange -> {
            try {
                reply(exchange, QuoteFeed.subscribe(subscriptions.incrementAndGet()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            }
        });
        server.createContext("/report", exchange -> reply(exchange, SalesReport.render(64)));
        server.start();
        System.out.println(DemoProcess.READY + "http://127.0.0.1:" + server.getAddress().getPort());
        DemoProcess.printAgentAddress();
        System.out.flush();
        // Stop with the parent: it holds our stdin open for as long as it wants us.
        while (System.in.read() >= 0) {
            // ignore input
        }
        server.stop(0);
        System.exit(0);
    }

    static void reply(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
