package dev.pprof4j.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code /order}: asks the inventory service through a fresh {@link RpcClient}. The bug: one per call. */
final class OrderHandler implements HttpHandler {
    private final AtomicLong orders = new AtomicLong();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        RpcClient inventory = new RpcClient("inventory");
        DemoService.reply(exchange, inventory.call("reserve", orders.incrementAndGet()));
    }
}
