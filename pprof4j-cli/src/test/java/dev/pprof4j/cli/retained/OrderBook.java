package dev.pprof4j.cli.retained;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A child JVM's heap with a known owner: {@link #record} keeps {@link #DESKS} × {@link #ORDERS}
 * {@code long[]} of {@link #LONGS} (about 25 MB) in a static map of lists, and {@link #quote}
 * makes about 100 MB of {@code long[]} garbage that nothing keeps; {@link #hook} keeps lambdas. Prints {@code ready} and waits
 * to be asked who holds what (the test kills it).
 */
public final class OrderBook {
    static final Map<String, List<long[]>> BY_DESK = new HashMap<>();
    /** {@link #HOOKS} capturing lambdas and one method reference: two generated classes, one stable name. */
    static final List<Runnable> ON_FILL = new ArrayList<>();
    public static final int HOOKS = 500;
    public static final int DESKS = 8;
    public static final int ORDERS = 3000;
    public static final int LONGS = 128;
    /** A {@code long[LONGS]}'s size in a 64-bit HotSpot heap (16-byte header, compressed or not). */
    public static final long ARRAY_BYTES = 16 + 8L * LONGS;

    public static void main(String[] args) throws InterruptedException {
        record();
        hook();
        System.out.println("churned " + quote());
        System.out.println("ready");
        Thread.sleep(300_000);
    }

    static void record() {
        for (int d = 0; d < DESKS; d++) {
            List<long[]> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orders.add(new long[LONGS]);
            }
            BY_DESK.put("desk-" + d, orders);
        }
    }

    static void hook() {
        for (int i = 0; i < HOOKS; i++) {
            String desk = "desk-" + i % DESKS;
            ON_FILL.add(() -> BY_DESK.get(desk).size());
        }
        ON_FILL.add(OrderBook::record);
    }

    /** Garbage: each array is dropped at once; a sum keeps the JIT from removing it. */
    static long quote() {
        long sum = 0;
        for (int i = 0; i < 100_000; i++) {
            long[] prices = new long[LONGS];
            prices[i % LONGS] = i;
            sum += prices[(i * 7) % LONGS];
        }
        return sum;
    }
}
