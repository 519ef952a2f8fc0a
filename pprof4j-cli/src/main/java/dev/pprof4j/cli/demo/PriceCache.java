package dev.pprof4j.cli.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leak 3 of the demo: a cache with no bound. Every sku asked for stays forever, and the
 * skus never repeat.
 */
final class PriceCache {
    static final Map<String, Quote> QUOTES = new ConcurrentHashMap<>();

    record Quote(String sku, long cents, byte[] history) {
    }

    static Quote remember(long sku) {
        String key = "sku-" + sku;
        return QUOTES.computeIfAbsent(key, k -> new Quote(k, 100 + sku % 900, new byte[128 * 1024]));
    }

    private PriceCache() {
    }
}
