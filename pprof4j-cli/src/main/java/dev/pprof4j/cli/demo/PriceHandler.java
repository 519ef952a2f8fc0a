package dev.pprof4j.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code /price?sku=N}: answers from the {@link PriceCache}. */
final class PriceHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        long sku = query != null && query.startsWith("sku=") ? Long.parseLong(query.substring(4)) : 0;
        DemoService.reply(exchange, Long.toString(PriceCache.remember(sku).cents()));
    }
}
