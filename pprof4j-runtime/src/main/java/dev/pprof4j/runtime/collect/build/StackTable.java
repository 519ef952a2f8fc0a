package dev.pprof4j.runtime.collect.build;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Values summed per stack, for events that arrive one at a time (JFR allocation samples,
 * park and monitor events). Bounded: once {@code maxStacks} distinct stacks are held, new
 * stacks are summed into one {@link #OVERFLOW} stack, so a pathological application cannot
 * make the agent's memory grow without bound. Thread-safe.
 */
public final class StackTable {
    /** Where samples go once the table is full. */
    public static final List<StackTraceElement> OVERFLOW = List.of(
            new StackTraceElement("", "(more distinct stacks than pprof4j keeps)", null, 0));

    private final int width;
    private final int maxStacks;
    private final Map<List<StackTraceElement>, long[]> values = new HashMap<>();

    public StackTable(int width, int maxStacks) {
        this.width = width;
        this.maxStacks = maxStacks;
    }

    public synchronized void add(List<StackTraceElement> stack, long... delta) {
        long[] sums = values.get(stack);
        if (sums == null) {
            if (values.size() >= maxStacks) {
                stack = OVERFLOW;
                sums = values.get(stack);
            }
            if (sums == null) {
                sums = new long[width];
                values.put(stack, sums);
            }
        }
        for (int i = 0; i < width; i++) {
            sums[i] += delta[i];
        }
    }

    public synchronized int size() {
        return values.size();
    }

    /** Calls {@code visitor} with each stack and a copy of its sums. */
    public void forEach(BiConsumer<List<StackTraceElement>, long[]> visitor) {
        Map<List<StackTraceElement>, long[]> copy = new HashMap<>();
        synchronized (this) {
            values.forEach((stack, sums) -> copy.put(stack, sums.clone()));
        }
        copy.forEach(visitor);
    }
}
